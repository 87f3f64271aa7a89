# The JSON API's error messages (`message` beside the `error` code), in the Accept-Language language.
api-error-bad-request = Сұрау дұрыс құрылмаған.
api-error-invalid-parameter = Сұрау параметрлерінің бірінің мәні жарамсыз.
api-error-invalid-parameter-named = Параметр мәні жарамсыз: { $name }.
api-error-not-found = Сұралған жазба немесе мекенжай табылмады.
api-error-forbidden = Бұл әрекетке рұқсат жоқ.
api-error-login-required = Алдымен жүйеге кіріңіз.
api-error-csrf = Қауіпсіздік тексерісінен өтпеді: сұрау басқа сайттан жіберілген немесе форманың мерзімі өткен.
api-error-too-large = Сұрау тым үлкен.
api-error-internal = Серверде қате орын алды. Қайталанса, қолдау қызметіне мына кодты хабарлаңыз: { $id }
