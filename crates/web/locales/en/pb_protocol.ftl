## The protocol of results
pb-protocol = Protocol of results
pb-protocol-of = Protocol of results: { $cycle }
pb-protocol-eligible = Eligible population
pb-protocol-ballots = Ballots
pb-protocol-turnout = Turnout
pb-protocol-counted-at = Counted on
pb-protocol-cof-applied = { $amount }, applied
pb-protocol-cof-not-applied = { $amount }, not applied (turnout condition not met)
pb-protocol-sub-of = Sub-envelope: { $name }
pb-protocol-channels = Ballots by channel
pb-protocol-within = Funded within
pb-protocol-left = Money left
pb-protocol-flagged = Flagged paper ballots
pb-protocol-none = none
pb-protocol-download-csv = Protocol (CSV)
pb-protocol-download-pdf = Protocol (PDF)
pb-protocol-who-could-vote = Who could vote
