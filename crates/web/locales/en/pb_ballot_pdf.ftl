## The printable ballot (PDF)
pb-ballot-pdf-link = Printable ballot (PDF)
pb-ballot-pdf-heading = Participation budget ballot
pb-ballot-pdf-dates = Voting from { $start } to { $end }
pb-ballot-pdf-rule-one = Put a mark in the box of one project.
pb-ballot-pdf-rule-up-to = Put a mark in the boxes of up to { $k } projects.
pb-ballot-pdf-rule-knapsack = Mark projects whose total cost does not exceed { $budget }.
pb-ballot-pdf-how = Write your IIN and sign. A ballot with more marks than allowed, without an IIN or signature is not counted. One ballot per person.
pb-ballot-pdf-col-project = Project
pb-ballot-pdf-col-village = Village
pb-ballot-pdf-col-cost = Cost
pb-ballot-pdf-col-mark = Mark
pb-ballot-pdf-field-number = Ballot No.
pb-ballot-pdf-field-iin = IIN
pb-ballot-pdf-field-signature = Signature
pb-ballot-pdf-footer = Hand the filled-in ballot to the coordinator of the participation budget or put it in the ballot box.
