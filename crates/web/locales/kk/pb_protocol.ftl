## Хаттама
pb-protocol = Қорытындылар хаттамасы
pb-protocol-of = Қорытындылар хаттамасы: { $cycle }
pb-protocol-eligible = Дауыс беру құқығы бар халық
pb-protocol-ballots = Бюллетень саны
pb-protocol-turnout = Дауыс беруге қатысу деңгейі
pb-protocol-counted-at = Есептелген күні
pb-protocol-cof-applied = { $amount }, қолданылды
pb-protocol-cof-not-applied = { $amount }, қолданылмады (қатысу шарты орындалмады)
pb-protocol-sub-of = Бөлінген қаражат: { $name }
pb-protocol-channels = Дауыс беру тәсілі бойынша бюллетеньдер
pb-protocol-within = Қай қаражаттан
pb-protocol-left = Қаражат қалдығы
pb-protocol-flagged = Белгіленген қағаз бюллетеньдер
pb-protocol-none = жоқ
pb-protocol-download-csv = Хаттама (CSV)
pb-protocol-download-pdf = Хаттама (PDF)
pb-protocol-who-could-vote = Кім дауыс бере алды
