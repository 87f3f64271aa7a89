## Layout
app-name = Qatysu
app-tagline = Participation in local self-government
skip-to-content = Skip to content
nav-home = Home
nav-territories = Territories
nav-login = Log in
nav-register = Register
nav-account = My account
nav-logout = Log out
nav-initiatives = Initiatives
nav-pb = Participation budget
lang-switch-label = Language
footer-text = Qatysu — an open platform for the People's Participation Budget, civic initiatives and public oversight.
footer-api = Open data (API)

## Home
home-title = Take part in your village's decisions
home-intro = Propose how part of the local budget is spent, vote, sign initiatives and follow what the akimat and the maslikhat decide.
home-territories = Find your village
home-stats = { $territories } territories, { $users } registered residents

## Dates and months (genitive where the language needs it)
date-full = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Territories
territories-title = Territories
territories-intro = Oblasts, districts, rural okrugs and villages by the KATO classifier.
territories-empty = No territories have been loaded yet.
territories-too-many = Showing the top levels only; open a territory to see what is under it.
territory-kato = KATO code
territory-kind = Kind
territory-population = Population
territory-population-unknown = not known
territory-population-illustrative = illustrative figure for the demo, not official statistics
territory-children = Under this territory
territory-children-count = { $count ->
    [one] { $count } territory
   *[other] { $count } territories
}
territory-no-children = Nothing is registered under this territory.
territory-parent = Part of
territory-edit-population = Correct the population
territory-population-save = Save
territory-population-saved = The population has been saved.
territory-roles = Roles in this territory
kind-oblast = oblast
kind-city_republican = city of republican significance
kind-district = district
kind-city_oblast = city of oblast significance
kind-rural_okrug = rural okrug
kind-town = town or settlement
kind-village = village

## Registration and login
register-title = Register
register-intro = Registration lets you propose projects, vote and sign initiatives in your village.
field-name = Full name
field-contact = Phone or e-mail
field-contact-hint = For example +7 701 123 45 67 or name@mail.kz
field-password = Password
field-password-hint = At least { $min } characters.
field-iin = IIN
field-iin-hint = 12 digits. It is checked but not stored as typed — only as an irreversible hash, so no one, not even you, can read it back here.
account-iin-kept = Not stored as typed: only an irreversible hash, no digit of it is kept
field-village = Village of residence
field-village-choose = Choose a village
register-submit = Register
register-done = Welcome! Your account has been created.
register-have-account = Already registered? Log in.
login-title = Log in
login-submit = Log in
login-no-account = No account yet? Register.
login-failed = The phone, e-mail or password is wrong.
login-throttled = Too many attempts. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
login-code-needed = This account has had many failed sign-in attempts, perhaps not from you. To keep it safe, sign in with your password and a one-time code: press “Send a code” and type the code you receive.
login-field-code = One-time code
login-code-explain = The code goes to the account's confirmed phone or e-mail and is valid for 10 minutes.
login-code-send = Send a code
login-code-sent = If this account has a confirmed phone or e-mail, a code was sent to it. The code is valid for 10 minutes.
logout-submit = Log out
logout-done = You have logged out.
account-title = My account
account-age = Age: { $age ->
    [one] { $age } year
   *[other] { $age } years
}
account-since = Registered on { $date }
account-residence = Village of residence
account-roles = My roles
password-change-title = Change password
field-current-password = Current password
field-new-password = New password
password-change-submit = Change password
password-changed = Your password has been changed. Other devices have been logged out.

## Form errors
form-has-errors = Please correct the fields marked below.
err-name-required = Enter your name (2 to 100 characters).
err-contact-invalid = Enter a phone number (+7 and 10 digits) or an e-mail address.
err-password-short = The password must have at least { $min } characters.
err-password-long = The password is too long.
err-password-common = This password is too easy to guess; choose another.
err-password-wrong = The current password is wrong.
err-iin-length = An IIN has exactly 12 digits.
err-iin-century = The 7th digit of an IIN must be from 1 to 6.
err-iin-date = The first six digits of the IIN are not a real date of birth.
err-iin-check = This IIN is not valid: the last digit does not match. Check it for a typo.
register-not-created = We could not create this account. If you already have one, log in. If someone else registered your IIN, bring your identity document to a participation centre: the registrar will give the IIN back to you.
err-village-unknown = Choose a village from the list.
err-population-invalid = Enter the population as a whole number from 0 to 100 000 000.
err-user-unknown = No account has this phone or e-mail.
err-role-unknown = Choose a role from the list.

## Roles
role-resident = resident
role-coordinator = PB coordinator
role-expert = expert council member
role-official = official of the akimat or the akim's office
role-deputy = maslikhat deputy
role-monitor = monitoring group member
role-admin = administrator
role-registrar = registrar at a participation centre
roles-title = Roles in { $territory }
roles-none = No roles have been granted here yet.
roles-country = the whole country
roles-grant-title = Grant a role
field-role = Role
field-user-contact = Phone or e-mail of the account
roles-grant-submit = Grant
roles-granted = The role has been granted.
roles-err-membership = This role is not granted: a person holds it for one cycle by accepting an invitation to its expert council or monitoring group.
roles-err-seated = This person sits on { $body ->
        [expert_council] the expert council
       *[monitoring_group] the monitoring group
    } of a budget cycle here that is not closed yet, and whoever runs a cycle cannot also sit on it. Nothing was granted.
roles-col-person = Person
roles-col-role = Role
roles-col-territory = Territory

## Error pages
error-503-title = The server is busy
error-503-text = Many people are signing in or registering right now. Wait half a minute and send the form again.
error-409-title = The change was not saved
error-409-text = Someone changed this record just before you. Reload the page and try again.
error-404-title = Page not found
error-404-text = There is no page at this address. It may have moved.
error-403-title = Not allowed
error-403-text = Your roles do not allow this action in this territory.
error-csrf-title = The form has expired
error-csrf-text = For your safety the form could not be accepted. Go back, reload the page and send it again.
error-413-title = The form is too large
error-413-text = The server accepts forms of up to 1 MB. Shorten the text or split it, and send the form again.
error-400-title = The request could not be read
error-400-text = The form did not arrive as the site expects it: a field is missing or has a wrong value. Go back, reload the page and send the form again.
error-400-address = A parameter in this address has a wrong value. Open the page from a link on the site.
error-login-title = Please log in
error-login-text = Log in to continue.
error-500-title = Something went wrong
error-500-text = The error has been recorded. If it happens again, give this code to the support team: { $id }
error-back-home = Back to the home page
field-district = District
register-continue = Continue
register-change-district = choose another district

# Uploads: listed by number, never by the name they were uploaded with (security review M6).
upload-label-photo = Photo { $n }
upload-label-document = Document { $n }
upload-err-pixels = The photo has too many pixels: at most 50 megapixels and 20,000 pixels on a side. Nothing was saved.
upload-err-unreadable = The photo could not be read: the file may be damaged. Nothing was saved.
upload-err-text-size = The text in one of the fields is too long: at most 64 KB. Nothing was saved.
upload-photos-cleaned = Photos are saved without the details hidden in them (place, date, camera) and reduced to 2,048 pixels; file names are not kept.
upload-document-warning = A PDF is published as it is: the details saved inside it (author, organisation, program) stay in the file. Remove them before uploading if needed.
