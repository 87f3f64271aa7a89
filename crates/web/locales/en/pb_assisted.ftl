## Assisted voting at a participation centre
pb-assisted-title = Assisted voting
pb-assisted-iin = Resident's IIN
pb-assisted-find = Find
pb-assisted-name = Name
pb-assisted-age-label = Age
pb-assisted-age = { $age } years
pb-assisted-record = Record the ballot
pb-assisted-recorded = The ballot is recorded. Hand this receipt code to the resident.
pb-assisted-closed = Voting is not open in this cycle now.
pb-assisted-already = This resident has already voted in this cycle; the first ballot counts.
pb-assisted-not-verified = This cycle needs a verified account; verify the resident's identity first.
pb-assisted-rule-one = Mark one project.
pb-assisted-rule-up-to = Mark up to { $k } projects.
pb-assisted-rule-knapsack = Mark projects whose total cost fits in { $budget }.
pb-assisted-intro = At a participation centre: find the resident by IIN, check their details against their identity document, record their choice and hand them the receipt code. The ballot is recorded only once the resident confirmed it is them (their own password, a code sent to their contact, or a registrar's check of their document), with a witness who has an account.
pb-assisted-not-here = No registered resident of this cycle's territory has this IIN. The resident can register first, or vote on a paper ballot.
pb-assisted-throttled = Too many IIN look-ups. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
pb-assisted-send-code-hint = The resident has a confirmed phone or e-mail: a one-time code can be sent to it (valid for 10 minutes).
pb-assisted-send-code = Send a code to the resident
pb-assisted-code-sent = A code was sent to the resident's confirmed phone or e-mail. It is valid for 10 minutes; the resident types it into the field below.
pb-assisted-code-none = The resident has no confirmed phone or e-mail: no code can be sent; confirm another way.
pb-assisted-confirm-legend = How the resident confirms it is them
pb-assisted-confirm-password = The resident types their own password
pb-assisted-password = Resident's password
pb-assisted-confirm-code = The one-time code sent to the resident
pb-assisted-code = Code from the message
pb-assisted-confirm-document = The resident has neither a password nor a contact: a registrar checks their identity document now and confirms with the registrar's own password
pb-assisted-registrar = Registrar's phone or e-mail
pb-assisted-registrar-password = Registrar's password
pb-assisted-witness-legend = Witness
pb-assisted-witness-hint = The witness is someone with a Qatysu account other than you and the resident. They type their own password, or read out the presence code on their account page.
pb-assisted-witness = Witness's phone or e-mail (the one they log in with)
pb-assisted-witness-secret = Witness's password or presence code
pb-assisted-err-witness-contact = Give the phone or e-mail the witness logs in with: a name is not enough.
pb-assisted-err-witness-unconfirmed = No account has this phone or e-mail with this password or presence code.
pb-assisted-err-witness-coordinator = You are recording the ballot: the witness must be someone else.
pb-assisted-err-witness-voter = The resident cannot be their own witness.
pb-assisted-err-witness-registrar = The registrar who checked the document cannot also be the witness.
pb-assisted-err-confirm = Choose how the resident confirms it is them and fill it in: without it the ballot is not recorded.
pb-assisted-err-password = This is not the resident's password. Let the resident type it again.
pb-assisted-err-registrar = No account has this phone or e-mail with this password.
pb-assisted-err-not-registrar = This account is not a registrar of the resident's territory.
pb-assisted-err-registrar-coordinator = You are recording the ballot: another person, a registrar, must check the document.
pb-assisted-err-registrar-voter = The resident cannot check their own document.
pb-assisted-counts-title = Assisted voting by coordinator
pb-assisted-counts-coordinator = Coordinator
pb-assisted-counts-lookups = IIN look-ups
pb-assisted-counts-ballots = Ballots recorded
pb-assisted-counts-none = Nobody has been looked up in this cycle yet.
pb-assisted-published = Ballots recorded by coordinators at participation centres
pb-assisted-published-line = { $name }: { $ballots } { $n ->
    [one] ballot
   *[other] ballots
}
