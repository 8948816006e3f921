"""clean_text keeps the article body and drops site chrome; tested on a real scraped page from ../shared/seeds."""

from claimdiff import clean_text, load_corpus

SEED = "seeds/000_f717dbc1ee5b771a.txt"
FOOTER_START = "SouthFront: Analysis and Intelligence"
LAST_BODY_SENTENCE_END = "as long as ISIS and HTS are still present in other parts of the country."


def paragraphs(text):
    return [p.strip() for p in text.split("\n") if p.strip()]


def test_real_scraped_page_keeps_every_body_paragraph_and_loses_footer_and_comments(shared):
    raw = shared(SEED).read_text(encoding="utf-8")
    body, chrome = raw[: raw.index(FOOTER_START)], raw[raw.index(FOOTER_START) :]
    cleaned = clean_text(raw)
    for paragraph in paragraphs(body):
        assert paragraph in cleaned
    assert cleaned.endswith(LAST_BODY_SENTENCE_END)
    assert not set(paragraphs(chrome)) & set(paragraphs(cleaned))


def test_real_scraped_page_is_cleaned_when_loaded_as_a_report(shared, tmp_path):
    raw = shared(SEED).read_text(encoding="utf-8")
    (tmp_path / "seed.md").write_text("---\noutlet: southfront\n---\n" + raw, encoding="utf-8")
    reports, _ = load_corpus(tmp_path)
    assert reports.loc[0, "text"].endswith(LAST_BODY_SENTENCE_END)
    assert reports.loc[0, "raw_text"].rstrip().endswith(raw.rstrip()[-40:])


def test_article_that_mentions_comments_and_subscriptions_in_its_body_is_untouched():
    text = (
        "Officials declined to comment on the report.\n\n"
        "Readers who subscribe to the agency's feed received the statement first.\n\n"
        "The ministry said 21 soldiers were killed."
    )
    assert clean_text(text) == text


def test_share_buttons_and_a_copyright_footer_go():
    text = "Blast kills four.\n\nShare | Tweet | Email\n\nPolice said the blast was a car bomb.\n\n© 2024 Valley Radio"
    assert clean_text(text) == "Blast kills four.\n\nPolice said the blast was a car bomb."


def test_headline_printed_twice_is_kept_once():
    assert clean_text("Big news\n\nBig news\n\nDetails follow.") == "Big news\n\nDetails follow."


def test_related_link_headlines_and_video_titles_are_removed():
    text = ("Ten were killed in a blast.\n\nRead more: Blast kills three in another town\n\n"
            "VIDEO: Rescuers dig through the rubble\n\nRelated | Officials meet in Geneva\n\nThe army said so.")
    assert clean_text(text) == "Ten were killed in a blast.\n\nThe army said so."


def test_embedded_tweet_on_its_own_lines_is_removed():
    text = ("Ten were killed.\n\nAwful scenes here pic.twitter.com/abc123\n"
            "— Jane Roe (@janeroe) July 27, 2016\n\nThe army said so.")
    assert clean_text(text) == "Ten were killed.\n\nThe army said so."


def test_embedded_tweet_inside_a_one_line_text_is_cut_out_and_the_rest_kept():
    text = "Ten were killed. Awful. pic.twitter.com/abc123 Jane Roe (@janeroe) July 27 2016 The army said so."
    assert clean_text(text) == "Ten were killed. Awful. The army said so."


def test_a_sentence_that_starts_like_a_link_word_is_kept():
    text = "Related talks failed in Geneva.\n\nWatch groups said the toll rose."
    assert clean_text(text) == text


def test_sentence_offsets_point_into_the_cleaned_text_and_raw_text_keeps_the_chrome(tmp_path):
    from claimdiff import split_sentences

    body = ("Ten were killed in a blast.\n\nRead more: Blast kills three elsewhere\n\n"
            "Awful. pic.twitter.com/abc123 Jane Roe (@janeroe) July 27 2016 The army said so.")
    (tmp_path / "a.md").write_text("---\noutlet: wire\n---\n" + body, encoding="utf-8")
    reports, _ = load_corpus(tmp_path)
    text = reports.loc[0, "text"]
    assert "pic.twitter" not in text and "Read more" not in text
    assert "pic.twitter" in reports.loc[0, "raw_text"]
    for row in split_sentences(reports).itertuples():
        assert text[row.start : row.end] == row.text


def test_a_tag_list_run_into_the_lead_goes_and_the_lead_stays():
    text = ("The regime pounded the city. Tags Syria Aleppo regime forces rebel forces At least 16 people were killed "
            "in air strikes on Monday.")
    assert clean_text(text) == "The regime pounded the city. At least 16 people were killed in air strikes on Monday."


def test_a_related_headline_inside_a_paragraph_goes():
    text = "Her body was found on Thursday. Read more here Baby saver killed in Aleppo The rebels struck back."
    assert clean_text(text) == "Her body was found on Thursday. The rebels struck back."


def test_related_headlines_and_tags_after_the_last_sentence_go():
    body = ("A blast killed ten people in Homs. The army blamed rebels for the attack on the market. "
            "Shops were closed on Friday and the governor visited the wounded in hospital.")
    text = body + (" ... 43 Related Blast Kills Ten in Homs Tags Syria Homs Community standardsDiscussion Comment "
                   "via Facebook")
    assert clean_text(text) == body


def test_an_embedded_tweet_with_a_mangled_link_and_a_signature_without_at_sign_is_dropped_with_its_text():
    text = ("Rescuers kept digging. SCD rescues a baby in Marat Al Noman.httpst.coObGX7J26zJ The White Helmets "
            "(SyriaCivilDef) June 12 2016 The strike hit a market. 8 killed in yesterdays tragedy. The White "
            "Helmets (SyriaCivilDef) April 30 2017 Rescue workers are buried. More info httpst.coKzleH5JFML here.")
    assert clean_text(text) == ("Rescuers kept digging. The strike hit a market. Rescue workers are buried. "
                                "More info here.")
    dateline = "DAMASCUS (SANA) June 12 2016 Ten were killed."
    assert clean_text(dateline) == dateline
