## Басып шығаруға арналған бюллетень
pb-ballot-pdf-link = Басып шығаруға арналған бюллетень (PDF)
pb-ballot-pdf-heading = Халық қатысатын бюджеттің бюллетені
pb-ballot-pdf-dates = Дауыс беру: { $start } — { $end }
pb-ballot-pdf-rule-one = Бір жобаның шаршысына белгі қойыңыз.
pb-ballot-pdf-rule-up-to = Ең көбі { $k } жобаның шаршысына белгі қойыңыз.
pb-ballot-pdf-rule-knapsack = Жалпы құны { $budget } сомасынан аспайтын жобаларды белгілеңіз.
pb-ballot-pdf-how = ЖСН-іңізді жазып, қол қойыңыз. Артық белгісі бар, ЖСН-і немесе қолы жоқ бюллетень есептелмейді. Бір адамға бір бюллетень.
pb-ballot-pdf-col-project = Жоба
pb-ballot-pdf-col-village = Ауыл
pb-ballot-pdf-col-cost = Құны
pb-ballot-pdf-col-mark = Белгі
pb-ballot-pdf-field-number = Бюллетень №
pb-ballot-pdf-field-iin = ЖСН
pb-ballot-pdf-field-signature = Қолы
pb-ballot-pdf-footer = Толтырылған бюллетеньді ХҚБ үйлестірушісіне беріңіз немесе жәшікке салыңыз.
