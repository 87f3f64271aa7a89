## People's Participation Budget: meetings with residents
pb-meetings = Тұрғындармен кездесулер
pb-meetings-none = Кездесулер әлі тіркелмеген.
pb-meetings-new = Кездесуді тіркеу
pb-meetings-title = Тұрғындармен кездесу
pb-meetings-date = Өткен күні
pb-meetings-village = Ауыл
pb-meetings-place = Өткен орны
pb-meetings-attendance = Қатысқандар саны
pb-meetings-attendance-count = { $count ->
   *[other] { $count } қатысушы
}
pb-meetings-minutes = Хаттама
pb-meetings-proposals = Талқыланған ұсыныстар
pb-meetings-proposals-none = Бұл кездесуге ешбір ұсыныс байланыстырылмаған.
pb-meetings-save = Кездесуді сақтау
pb-meetings-recorded = Кездесу тіркелді.
pb-meetings-err-village = Цикл аумағындағы ауылды таңдаңыз.
pb-meetings-err-date = Күнді КК.АА.ЖЖЖЖ түрінде жазыңыз (мысалы, 17.11.2027).
pb-meetings-err-future = Кездесу өткеннен кейін ғана тіркеледі: күн бүгіннен кейін болмауы керек.
pb-meetings-err-attendance = Қатысқандар саны бүтін сан болуы керек: кемінде 1, ең көбі { $max }.
pb-meetings-err-proposal = Тек осы циклдің ұсыныстарын таңдауға болады.
