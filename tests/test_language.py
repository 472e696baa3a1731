from eventcoder.text.language import guess_language


def test_english_notes_dense_with_names_are_english():
    assert guess_language("Around 26 March 2022, ADF abducted a civilian farmer around Kisima (Ruwenzori, Beni, "
                          "Nord-Kivu).")[0] == "en"
    assert guess_language("11 casualties in raids on Anadan and airstrikes target al-Bab city")[0] == "en"


def test_other_languages_and_scripts_are_not():
    assert guess_language("Les forces de sécurité ont dispersé une manifestation dans la capitale, selon "
                          "des témoins qui ont été interrogés par la presse.")[0] == "fr"
    assert guess_language("La policía dispersó una manifestación en la capital, según los testigos que "
                          "fueron entrevistados por la prensa.")[0] == "es"
    assert guess_language("قصفت الطائرات الحربية بلدة في ريف إدلب الجنوبي صباح اليوم")[0] == "und"
    assert guess_language("")[0] == "und"
