## Layout
app-name = Qatysu
app-tagline = Участие в местном самоуправлении
skip-to-content = Перейти к содержанию
nav-home = Главная
nav-territories = Территории
nav-login = Войти
nav-register = Регистрация
nav-account = Личный кабинет
nav-logout = Выйти
nav-initiatives = Инициативы
nav-pb = Бюджет участия
lang-switch-label = Язык
footer-text = Qatysu — открытая платформа для бюджета народного участия, гражданских инициатив и общественного контроля.
footer-api = Открытые данные (API)

## Home
home-title = Участвуйте в принятии решений в своём селе
home-intro = Предлагайте, на что потратить часть местного бюджета, голосуйте, подписывайте инициативы и следите за решениями акимата и маслихата.
home-territories = Найти своё село
home-stats = Территорий: { $territories }, зарегистрированных жителей: { $users }

## Dates and months (genitive where the language needs it)
date-full = { $day } { $month } { $year } г.
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Territories
territories-title = Территории
territories-intro = Области, районы, сельские округа и сёла по Классификатору административно-территориальных объектов (КАТО).
territories-empty = Территории ещё не загружены.
territories-too-many = Показаны только верхние уровни; откройте территорию, чтобы увидеть, что в неё входит.
territory-kato = Код КАТО
territory-kind = Тип
territory-population = Население
territory-population-unknown = нет данных
territory-population-illustrative = условная цифра для демонстрации, не официальная статистика
territory-children = В составе территории
territory-children-count = { $count ->
    [one] { $count } территория
    [few] { $count } территории
   *[many] { $count } территорий
}
territory-no-children = В составе этой территории ничего не зарегистрировано.
territory-parent = Входит в
territory-edit-population = Исправить численность населения
territory-population-save = Сохранить
territory-population-saved = Численность населения сохранена.
territory-roles = Роли на этой территории
kind-oblast = область
kind-city_republican = город республиканского значения
kind-district = район
kind-city_oblast = город областного значения
kind-rural_okrug = сельский округ
kind-town = город или посёлок
kind-village = село

## Registration and login
register-title = Регистрация
register-intro = После регистрации вы сможете предлагать проекты, голосовать и подписывать инициативы своего села.
field-name = Фамилия и имя
field-contact = Телефон или эл. почта
field-contact-hint = Например, +7 701 123 45 67 или name@mail.kz
field-password = Пароль
field-password-hint = Не менее { $min ->
    [one] { $min } символа
   *[other] { $min } символов
}.
field-iin = ИИН
field-iin-hint = 12 цифр. ИИН проверяется, но не хранится в открытом виде — только как необратимый хеш, поэтому прочитать его здесь не сможет никто, даже вы.
account-iin-kept = Не хранится в открытом виде: только необратимый хеш, ни одна цифра не сохраняется
field-village = Село проживания
field-village-choose = Выберите село
register-submit = Зарегистрироваться
register-done = Добро пожаловать! Ваша учётная запись создана.
register-have-account = Уже зарегистрированы? Войдите.
login-title = Вход
login-submit = Войти
login-no-account = Ещё нет учётной записи? Зарегистрируйтесь.
login-failed = Неверный телефон, эл. почта или пароль.
login-throttled = Слишком много попыток. Повторите через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[many] { $minutes } минут
}.
login-code-needed = В эту учётную запись было много неудачных попыток входа, возможно, не ваших. Для её защиты войдите с паролем и одноразовым кодом: нажмите «Отправить код» и введите полученный код.
login-field-code = Одноразовый код
login-code-explain = Код придёт на подтверждённый телефон или эл. почту учётной записи и действует 10 минут.
login-code-send = Отправить код
login-code-sent = Если у учётной записи есть подтверждённый телефон или эл. почта, на него отправлен код. Код действует 10 минут.
logout-submit = Выйти
logout-done = Вы вышли из системы.
account-title = Личный кабинет
account-age = Возраст: { $age ->
    [one] { $age } год
    [few] { $age } года
   *[many] { $age } лет
}
account-since = Дата регистрации: { $date }
account-residence = Село проживания
account-roles = Мои роли
password-change-title = Смена пароля
field-current-password = Текущий пароль
field-new-password = Новый пароль
password-change-submit = Сменить пароль
password-changed = Пароль изменён. На других устройствах выполнен выход.

## Form errors
form-has-errors = Исправьте, пожалуйста, отмеченные поля.
err-name-required = Укажите имя (от 2 до 100 символов).
err-contact-invalid = Укажите номер телефона (+7 и 10 цифр) или адрес эл. почты.
err-password-short = Пароль должен содержать не менее { $min ->
    [one] { $min } символа
   *[other] { $min } символов
}.
err-password-long = Пароль слишком длинный.
err-password-common = Этот пароль слишком легко угадать; выберите другой.
err-password-wrong = Текущий пароль указан неверно.
err-iin-length = ИИН состоит ровно из 12 цифр.
err-iin-century = Седьмая цифра ИИН должна быть от 1 до 6.
err-iin-date = Первые шесть цифр ИИН не образуют реальную дату рождения.
err-iin-check = ИИН недействителен: не совпадает контрольная цифра. Проверьте, нет ли опечатки.
register-not-created = Не удалось создать учётную запись. Если она у вас уже есть, войдите. Если ваш ИИН зарегистрировал кто-то другой, придите с удостоверением личности в центр цифрового участия: регистратор вернёт ИИН вам.
err-village-unknown = Выберите село из списка.
err-population-invalid = Укажите численность населения целым числом от 0 до 100 000 000.
err-user-unknown = Нет учётной записи с таким телефоном или адресом эл. почты.
err-role-unknown = Выберите роль из списка.

## Roles
role-resident = житель
role-coordinator = координатор БНУ
role-expert = член экспертного совета
role-official = сотрудник акимата или аппарата акима
role-deputy = депутат маслихата
role-monitor = член группы надзора
role-admin = администратор
role-registrar = регистратор центра цифрового участия
roles-title = Роли: { $territory }
roles-none = Здесь ещё не назначено ни одной роли.
roles-country = вся страна
roles-grant-title = Назначить роль
field-role = Роль
field-user-contact = Телефон или эл. почта учётной записи
roles-grant-submit = Назначить
roles-granted = Роль назначена.
roles-err-membership = Эта роль не назначается: её получают на один цикл, приняв приглашение в экспертный совет или группу надзора.
roles-err-seated = Этот человек входит в { $body ->
        [expert_council] экспертный совет
       *[monitoring_group] группу надзора
    } ещё не закрытого цикла бюджета на этой территории, а тот, кто ведёт цикл, не может в нём состоять. Роль не назначена.
roles-col-person = Человек
roles-col-role = Роль
roles-col-territory = Территория

## Error pages
error-503-title = Сервер занят
error-503-text = Сейчас много людей входят или регистрируются. Подождите полминуты и отправьте форму ещё раз.
error-409-title = Изменение не сохранено
error-409-text = Кто-то изменил эту запись чуть раньше вас. Обновите страницу и попробуйте ещё раз.
error-404-title = Страница не найдена
error-404-text = По этому адресу нет страницы. Возможно, она перемещена.
error-403-title = Действие не разрешено
error-403-text = Ваши роли не позволяют выполнить это действие на этой территории.
error-csrf-title = Срок действия формы истёк
error-csrf-text = В целях безопасности форма не принята. Вернитесь назад, обновите страницу и отправьте её снова.
error-413-title = Форма слишком большая
error-413-text = Сервер принимает формы объёмом до 1 МБ. Сократите текст или разделите его на части и отправьте форму снова.
error-400-title = Запрос не удалось прочитать
error-400-text = Форма пришла не в том виде, которого ждёт сайт: одного поля нет или у него неверное значение. Вернитесь назад, обновите страницу и отправьте форму снова.
error-400-address = У одного из параметров в этом адресе неверное значение. Откройте страницу по ссылке на сайте.
error-login-title = Войдите в систему
error-login-text = Чтобы продолжить, войдите в систему.
error-500-title = Что-то пошло не так
error-500-text = Ошибка записана. Если она повторится, сообщите службе поддержки этот код: { $id }
error-back-home = Вернуться на главную
field-district = Район
register-continue = Продолжить
register-change-district = выбрать другой район

# Uploads: listed by number, never by the name they were uploaded with (security review M6).
upload-label-photo = Фото { $n }
upload-label-document = Документ { $n }
upload-err-pixels = На фотографии слишком много пикселей: не более 50 мегапикселей и не более 20 000 пикселей по каждой стороне. Ничего не сохранено.
upload-err-unreadable = Не удалось прочитать фотографию: возможно, файл повреждён. Ничего не сохранено.
upload-err-text-size = Текст в одном из полей слишком длинный: не более 64 КБ. Ничего не сохранено.
upload-photos-cleaned = Фотографии сохраняются без скрытых в них сведений (место, дата, камера) и уменьшаются до 2048 пикселей; имена файлов не сохраняются.
upload-document-warning = PDF публикуется как есть: сведения, записанные внутри файла (автор, организация, программа), остаются в нём. При необходимости удалите их перед загрузкой.
