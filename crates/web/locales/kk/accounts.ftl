# Есептік жазбаларды тексеру деңгейлері және дауыс беру мен қол қоюға не қажет.
accounts-level = Тексеру
accounts-level-self = Тіркелген, әзірге ештеңе тексерілмеген
accounts-level-contact = Телефоны немесе поштасы расталған
accounts-level-in_person = Цифрлық қатысу орталығында расталған
accounts-level-egov = eGov арқылы расталған
accounts-level-hint = Дауыс беру мен қол қоюдың көбіне жеке расталған есептік жазба керек. Жеке куәлігіңізді алып, ауданыңыздағы цифрлық қатысу орталығына келіңіз: тіркеуші сізді бірнеше минутта растайды.
accounts-requirement-option-self = Кез келген тіркелген тұрғын
accounts-requirement-option-contact = Телефоны немесе поштасы расталған тұрғындар
accounts-requirement-option-in_person = Цифрлық қатысу орталығында расталған тұрғындар (ұсынылады)
accounts-requirement-option-egov = eGov арқылы расталған тұрғындар
accounts-requirement-self = Қатысуға кез келген тіркелген тұрғын құқылы.
accounts-requirement-contact = Қатысу үшін телефон немесе электрондық пошта расталуы керек.
accounts-requirement-in_person = Қатысу үшін есептік жазба цифрлық қатысу орталығында немесе eGov арқылы расталуы керек.
accounts-requirement-egov = Қатысу үшін есептік жазба eGov арқылы расталуы керек.
