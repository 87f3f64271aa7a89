## People's Participation Budget: meetings with residents
pb-meetings = Встречи с жителями
pb-meetings-none = Встреч пока не записано.
pb-meetings-new = Записать встречу
pb-meetings-title = Встреча с жителями
pb-meetings-date = Дата
pb-meetings-village = Село
pb-meetings-place = Место проведения
pb-meetings-attendance = Число участников
pb-meetings-attendance-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
   *[many] { $count } участников
}
pb-meetings-minutes = Протокол
pb-meetings-proposals = Обсуждённые предложения
pb-meetings-proposals-none = К этой встрече не привязано ни одного предложения.
pb-meetings-save = Сохранить встречу
pb-meetings-recorded = Встреча записана.
pb-meetings-err-village = Выберите село на территории цикла.
pb-meetings-err-date = Укажите дату в виде ДД.ММ.ГГГГ (например, 17.11.2027).
pb-meetings-err-future = Встречу записывают после того, как она прошла: дата не может быть позже сегодняшней.
pb-meetings-err-attendance = Число участников должно быть целым: не меньше 1 и не больше { $max }.
pb-meetings-err-proposal = Можно выбрать только предложения этого цикла.
