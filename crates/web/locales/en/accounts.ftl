# Verification levels of accounts and what votes and signatures require.
accounts-level = Verification
accounts-level-self = Registered; nothing checked yet
accounts-level-contact = Phone or e-mail confirmed
accounts-level-in_person = Verified at a participation centre
accounts-level-egov = Verified through eGov
accounts-level-hint = Most votes and signatures need an account verified in person. Take your identity document to a participation centre of your district: a registrar will verify you in a few minutes.
accounts-requirement-option-self = Any registered resident
accounts-requirement-option-contact = Residents with a confirmed phone or e-mail
accounts-requirement-option-in_person = Residents verified at a participation centre (recommended)
accounts-requirement-option-egov = Residents verified through eGov
accounts-requirement-self = Any registered resident may take part.
accounts-requirement-contact = Taking part needs a confirmed phone or e-mail.
accounts-requirement-in_person = Taking part needs an account verified at a participation centre or through eGov.
accounts-requirement-egov = Taking part needs an account verified through eGov.
