# The JSON API's error messages (`message` beside the `error` code), in the Accept-Language language.
api-error-bad-request = Запрос составлен неверно.
api-error-invalid-parameter = У одного из параметров запроса недопустимое значение.
api-error-invalid-parameter-named = Недопустимое значение параметра: { $name }.
api-error-not-found = Запрошенная запись или адрес не найдены.
api-error-forbidden = Это действие не разрешено.
api-error-login-required = Сначала войдите в систему.
api-error-csrf = Проверка безопасности не пройдена: запрос отправлен с другого сайта или срок действия формы истёк.
api-error-too-large = Запрос слишком большой.
api-error-internal = На сервере произошла ошибка. Если она повторится, сообщите службе поддержки этот код: { $id }
