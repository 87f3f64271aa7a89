## People's Participation Budget: meetings with residents
pb-meetings = Meetings with residents
pb-meetings-none = No meetings recorded yet.
pb-meetings-new = Record a meeting
pb-meetings-title = Meeting with residents
pb-meetings-date = Date
pb-meetings-village = Village
pb-meetings-place = Place
pb-meetings-attendance = Attendance
pb-meetings-attendance-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}
pb-meetings-minutes = Minutes
pb-meetings-proposals = Proposals discussed
pb-meetings-proposals-none = No proposal is linked to this meeting.
pb-meetings-save = Save the meeting
pb-meetings-recorded = The meeting is recorded.
pb-meetings-err-village = Choose a village of the cycle's territory.
pb-meetings-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
pb-meetings-err-future = A meeting is recorded after it took place: the date cannot be later than today.
pb-meetings-err-attendance = Attendance must be a whole number from 1 to { $max }.
pb-meetings-err-proposal = Only proposals of this cycle can be chosen.
