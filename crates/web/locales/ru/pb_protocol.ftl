## Протокол
pb-protocol = Протокол итогов
pb-protocol-of = Протокол итогов: { $cycle }
pb-protocol-eligible = Население с правом голоса
pb-protocol-ballots = Бюллетеней
pb-protocol-turnout = Явка
pb-protocol-counted-at = Дата подсчёта
pb-protocol-cof-applied = { $amount }, применено
pb-protocol-cof-not-applied = { $amount }, не применено (условие явки не выполнено)
pb-protocol-sub-of = Подобъём: { $name }
pb-protocol-channels = Бюллетени по способам голосования
pb-protocol-within = Профинансирован из
pb-protocol-left = Остаток средств
pb-protocol-flagged = Помеченные бумажные бюллетени
pb-protocol-none = нет
pb-protocol-download-csv = Протокол (CSV)
pb-protocol-download-pdf = Протокол (PDF)
pb-protocol-who-could-vote = Кто мог голосовать
