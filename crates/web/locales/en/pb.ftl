## People's Participation Budget: cycles
pb-title = People's Participation Budget
pb-intro = Each cycle gives residents a share of the local budget: they propose projects, experts check them, everyone votes, and the winners are built.
pb-none = No budget cycles yet.
pb-col-territory = Territory
pb-col-year = Year
pb-col-stage = Stage
pb-col-envelope = Budget
pb-cycle-title = Participation budget { $year }: { $territory }
pb-territory-link = Budget cycles of this territory
pb-new-link = Start a budget cycle
pb-new-title = New budget cycle
pb-create = Create the cycle
pb-created = The cycle has been created. It is now collecting proposals.
pb-stage-moved = The stage has been changed.

pb-stage-collection = Proposal collection
pb-stage-review = Expert review
pb-stage-revision = Revision
pb-stage-discussion = Discussion
pb-stage-voting = Voting
pb-stage-results = Results
pb-stage-implementation = Implementation
pb-stage-closed = Closed
pb-stage-entered = started { $date }
pb-move-to = Move to: { $stage }
pb-timeline = Timeline

pb-money = Money
pb-field-year = Year
pb-field-housing = Annual housing-and-communal spending (function group 07), ₸
pb-field-housing-hint = The territory's planned spending for the year; targeted transfers from higher budgets are excluded.
pb-field-share = Share for the participation budget, %
pb-share-hint = The rules require at least { $min }% for this kind of territory.
pb-cap-hint = One project may cost at most { $mrp } MRP.
pb-money-share = { $share }% of housing-and-communal spending
pb-money-if-turnout = if turnout reaches { $turnout }%
pb-money-total = Total
pb-money-total-max = Total if every condition is met
pb-cap = One project may cost at most { $mrp } MRP ({ $tenge }).
pb-cofinancing = Co-financing
pb-field-source = Source
pb-field-amount = Amount, ₸
pb-field-turnout = Only if turnout reaches, % (optional)
pb-source-district = District subvention
pb-source-oblast = Oblast subvention
pb-source-sponsor = Sponsor
pb-source-residents = Residents' contribution

pb-voting = Voting
pb-field-ballot = Ballot
pb-ballot-one_vote = One vote for one project
pb-ballot-up_to = Up to a set number of projects (give the number below)
pb-ballot-up-to-k = Up to { $k } projects
pb-ballot-knapsack = Projects within the budget
pb-field-k = Most projects one ballot may choose (for "up to a set number of projects")
pb-field-rule = Counting rule
pb-rule-greedy = Most votes while money lasts
pb-rule-mes = Method of Equal Shares
pb-rule-phragmen = Sequential Phragmén
pb-field-min-age = Minimum age of voters
pb-field-verification = Accounts that may vote
pb-field-max-proposals = Proposals per author, at most
pb-field-revision = Authors may revise proposals after review
pb-field-votes-visible = Show vote counts during voting
pb-field-changes = Voters may change their ballot until voting closes
pb-voters = Residents aged { $age } and over may vote.
pb-per-author = Each author may submit up to { $n } proposals.

pb-dates = Dates
pb-field-collection_start = Proposals from
pb-field-collection_end = Proposals until
pb-field-review_end = Expert review until
pb-field-discussion_end = Discussion until
pb-field-voting_start = Voting from
pb-field-voting_end = Voting until

pb-err-year = Enter a year such as 2027.
pb-err-year-taken = This territory already has a cycle for that year.
pb-err-money = Enter an amount in whole tenge, for example 250 000 000.
pb-err-share = Enter a percentage from 0 to 100, for example 10 or 7.5.
pb-err-share-minimum = For this kind of territory the share must be at least { $min }% of annual housing and utilities spending (Budget Code of the Republic of Kazakhstan of 15 March 2025; Budget Planning Rules, Order of the Minister of Finance of the Republic of Kazakhstan No. 208 of 29 April 2025, para. 75).
pb-err-cofinancing = Choose a source and enter an amount in tenge; the turnout condition, if any, as a percentage.
pb-err-ballot = For "up to a set number of projects", the number must be from 1 to 50.
pb-err-rule = Choose a counting rule from the list.
pb-err-age = Enter an age from 14 to 100.
pb-err-verification = Choose who may vote from the list: at least residents with a confirmed phone or e-mail.
pb-err-max-proposals = Enter a number from 1 to 20.
pb-err-date = Enter a date.
pb-err-no-mrp = There is no MRP value for this date; an administrator must add it first.
pb-err-schedule-collection = Collection must end after it starts.
pb-err-schedule-review = Review must end after collection ends.
pb-err-schedule-discussion = Discussion must end after review ends.
pb-err-schedule-voting = Voting must start after discussion ends and end after it starts.

pb-stage-err-not-next = The cycle cannot go to that stage from its current one.
pb-stage-err-no-proposals = No proposals have been submitted yet, so there is nothing to review.
pb-stage-err-undecided = The expert council has not decided on { $count ->
    [one] { $count } proposal
   *[other] { $count } proposals
} yet.
pb-stage-err-none-admitted = No proposal was admitted, so there is nothing to vote on.
pb-stage-err-no-revision = This cycle has no revision stage.
pb-stage-err-no-dates = The voting dates are not set.
pb-stage-err-voting-past = Voting would end on { $date }, which has already passed. Change the dates first.
pb-stage-err-voting-open = Voting is open until { $date }.
pb-stage-err-no-results = The results have not been published yet.

## Proposals
pb-proposals = Proposals
pb-proposals-count = { $count ->
    [one] { $count } proposal
   *[other] { $count } proposals
}
pb-proposal-new-title = Submit a proposal
pb-proposal-paper-title = Enter a proposal from a paper form
pb-proposal-paper-legend = Paper form
pb-field-channel = How it was submitted
pb-field-author = Author
pb-field-form-number = Paper form number
pb-field-title = Title
pb-field-description = What should be done, and why
pb-field-category = Category
pb-field-village = Village
pb-field-place = Place (street, landmark)
pb-field-cost = Cost estimate
pb-field-cost-item = Item
pb-field-pledge = Co-financing pledge
pb-field-pledge-money = Money from residents or businesses, ₸ (optional)
pb-field-pledge-labour = Days of voluntary labour, асар (optional)
pb-proposal-submit = Submit
pb-proposal-edit = Edit the proposal
pb-proposal-submitted = The proposal has been submitted.
pb-proposal-saved = The changes have been saved.
pb-history = History
pb-col-status = Status
pb-pledge-days = { $days ->
    [one] { $days } day of voluntary labour
   *[other] { $days } days of voluntary labour
}
pb-channel-web = online
pb-channel-paper = paper form
pb-channel-assisted = at a participation centre
pb-channel-paper-number = paper form No. { $number }
pb-event-submitted = submitted ({ $channel })
pb-event-edited = edited by the author
pb-status-submitted = awaiting expert review
pb-status-admitted = admitted to the vote
pb-status-rejected = rejected
pb-status-returned = returned for revision
pb-status-merged = merged into another proposal
pb-proposal-err-not-resident = Only residents of this territory can submit proposals to this cycle.
pb-proposal-err-closed = Proposals are accepted only while the cycle is collecting them.
pb-proposal-err-cost-line = Each line of the estimate needs a name and an amount in whole tenge.
pb-proposal-err-no-cost = Add at least one line to the cost estimate.
pb-proposal-err-category = Choose a category from the list.
pb-proposal-err-place = Say where the project would be (at least 3 characters).
pb-proposal-err-title = The title must have { $min } to { $max } characters.
pb-proposal-err-description = The description must have { $min } to { $max } characters.
pb-proposal-err-over-cap = The estimate is { $total }, over the cap of { $mrp } MRP ({ $cap }) for one project.
pb-proposal-err-labour = Days of voluntary labour must be a whole number from 0 to { $max }.
pb-proposal-err-channel = Choose how the proposal was submitted.
pb-proposal-err-form-number = Enter the number of the paper form.
pb-proposal-err-form-taken = A paper form with this number has already been entered in this cycle.
pb-proposal-err-too-many = You already have { $max } proposals in this cycle, the most allowed.

## Categories
pb-category-greening = Greening
pb-category-pavements = Pavements and footpaths
pb-category-ramps_ditches = Ramps and irrigation ditches
pb-category-public_spaces_lighting = Public spaces and their lighting
pb-category-kerbs_walls = Kerbs and retaining walls
pb-category-dump_removal = Removing dumps
pb-category-benches_play = Benches and play equipment
pb-category-sports_play_grounds = Sports and play grounds
pb-category-sanitation = Sanitation
pb-category-public_wifi = Public Wi-Fi
pb-category-ecology = Ecology
pb-category-inclusive_access = Inclusive access
pb-category-other = Other
pb-category-water_sewerage = Water supply and sewerage
pb-category-medical_post = Medical post repair
pb-category-roads_bridges = Access roads and bridges
pb-category-internet = Internet
pb-category-mobile_medical_vet = Mobile medical and veterinary services
pb-category-culture_library = Culture houses and libraries
pb-category-fair_farm_grounds = Fair and farm grounds
pb-category-irrigation_farm = Irrigation and other farm infrastructure

## Expert review
pb-council = Expert council
pb-council-balance = { $total ->
    [one] { $total } member
   *[other] { $total } members
}, of them { $civil } from civil society.
pb-council-unbalanced = At least half of the council should come from civil society (active residents, public figures, NGOs).
pb-council-empty = The council has no members yet.
pb-council-add = Add a member
pb-council-added = The member has been added to the council.
pb-council-civil = civil society
pb-council-official = official
pb-council-civil-field = Civil-society member (not a state employee)
pb-conclusions = Experts' conclusions
pb-conclusions-none = No conclusions yet.
pb-conclusion-member = Expert
pb-conclusion-legal = Lawful
pb-conclusion-feasible = Feasible
pb-conclusion-cost = Adjusted cost, ₸
pb-conclusion-comment = Comment
pb-conclusion-add = Your conclusion
pb-conclusion-save = Save the conclusion
pb-conclusion-saved = Your conclusion has been saved.
pb-yes = yes
pb-no = no
pb-decision-title = The council's decision
pb-decision-field = Decision
pb-decision-reason = Reason
pb-decision-save = Record the decision
pb-decision-saved = The decision has been recorded and published.
pb-decision-admit = Admit to the vote
pb-decision-reject = Reject
pb-decision-return = Return for revision
pb-decision-merge = Merge into another proposal
pb-merged-into = Merged into:
pb-event-decided-admit = admitted to the vote by the expert council
pb-event-decided-reject = rejected by the expert council
pb-event-decided-return = returned for revision by the expert council
pb-event-decided-merge = merged into another proposal by the expert council
pb-event-resubmitted = revised and sent back to the council
pb-review-err-not-review = Conclusions and decisions are recorded only during expert review.
pb-review-err-comment = Write a comment of 3 to 2,000 characters.
pb-review-err-decision = Choose a decision from the list.
pb-review-err-reason = Give the reason (at least 10 characters): it is published with the decision.
pb-review-err-merge = Choose the proposal of this cycle to merge into.

## Voting
pb-vote-title = Vote
pb-col-votes = Votes
pb-vote-rule-one = Choose one project. Your vote cannot be changed afterwards.
pb-vote-rule-up-to = Choose up to { $k } projects.
pb-vote-rule-knapsack = Choose projects whose total cost fits in { $budget }.
pb-vote-final = Check your choice before sending it.
pb-vote-change = Change my ballot
pb-vote-change-hint = This cycle lets you change your ballot until voting ends: choose again and send it. Only your latest ballot is counted.
pb-vote-submit = Send my ballot
pb-vote-none = No proposal has been admitted to the vote.
pb-vote-done = Your ballot has been recorded. Keep this code to check later that it is counted.
pb-vote-cast = Thank you! Your ballot has been recorded.
pb-vote-replaced = Your ballot has been replaced with the new choice.
pb-receipt-code = Receipt code
pb-receipt-check = Check a ballot receipt
pb-receipt-submit = Check
pb-receipt-found = A ballot with this code was recorded ({ $channel }) with { $count ->
    [one] { $count } choice
   *[other] { $count } choices
} and is counted.
pb-receipt-not-found = No ballot of this cycle has this code. Check the code for typos.
pb-vote-err-not-open = Voting is not open in this cycle now.
pb-vote-err-closed = Voting closed on { $date }; the ballot was not accepted.
pb-vote-err-age = Voters must be at least { $age } years old on the last day of voting.
pb-vote-err-resident = Only residents of this territory can vote in this cycle.
pb-vote-err-verification = Your account is not verified enough for this vote. Take your identity document to a participation centre: a registrar will verify you, and then you can vote.
pb-vote-err-empty = Choose at least one project.
pb-vote-err-too-many = Choose at most { $max } projects.
pb-vote-err-unknown = A chosen project is not on this ballot. Reload the page and choose again.
pb-vote-err-over-budget = The chosen projects cost { $spent }, more than the { $budget } available. Remove a project.
pb-vote-err-already = You have already voted in this cycle; the first ballot counts.

## Results
pb-results = Results
pb-results-funded = Funded
pb-results-summary = Counted by the rule "{ $rule }". Budget { $budget }, given to the winners { $spent }, left { $left }.
pb-results-turnout = { $ballots } ballots, turnout { $percent }% of the population.
pb-results-ballots = { $ballots ->
    [one] { $ballots } ballot
   *[other] { $ballots } ballots
}.
pb-results-download = Download the anonymised ballots (Pabulib .pb)
pb-results-verify = Anyone can recount the results: download the file of anonymised ballots (.pb) and open it in any Pabulib tool. For auditors: recount with `qatysu tally FILE.pb --rule RULE`; the administrator checks the stored ballots with `qatysu verify`.
pb-results-json = Results as JSON
pb-photo-title = Photos
pb-photo-alt = { $title } — photo { $n }
pb-photo-field = Add photos
pb-photo-hint = { $max ->
    [one] Up to { $max } photo
   *[other] Up to { $max } photos
} per proposal, PNG or JPEG, at most 5 MB each.
pb-photo-submit = Upload
pb-photo-remove = Remove photo
pb-photo-added = The photos have been added.
pb-photo-removed = The photo has been removed.
pb-photo-err-size = The file is too big: at most 5 MB per photo. Nothing was saved.
pb-photo-err-type = Only PNG and JPEG photos are accepted. Nothing was saved.
pb-photo-err-empty = No file was received. Nothing was saved.
pb-photo-err-too-many = { $max ->
    [one] A proposal may have at most { $max } photo.
   *[other] A proposal may have at most { $max } photos.
} Nothing was saved.
pb-photo-err-not-allowed = Only the author (while the proposal may still be edited) and the participation budget coordinators of this territory may add or remove photos.
pb-photo-count = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}
pb-council-invited = The invitation has been sent: the person joins the council when they accept it.
pb-council-updated = The member's civil-society mark has been saved.
pb-col-rank = Rank
