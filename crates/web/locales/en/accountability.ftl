## Accountability: what is owed to residents
accountability-title = What is owed to residents
accountability-territory-link = What state bodies owe residents
accountability-about = What residents are owed here and below: monitoring reports without an answer, initiatives awaiting an answer, final documents of public control not yet delivered to the state body, and recommendations awaiting its reasoned answer; newest deadline first. Days overdue are calendar days.
accountability-overdue-count = { $count ->
    [one] { $count } item is overdue
   *[other] { $count } items are overdue
}
accountability-empty = Nothing is owed at the moment.
accountability-col-what = What
accountability-col-due = Due
accountability-col-overdue = Overdue
accountability-days-overdue = { $days ->
    [one] { $days } day overdue
   *[other] { $days } days overdue
}
accountability-not-due = not yet due
accountability-kind-report = Monitoring report
accountability-kind-initiative = Civic initiative
accountability-kind-recommendation = Recommendation of public control
accountability-kind-delivery = Final document of public control to deliver
accountability-json = This list as JSON
