"""Whole-collection questions answered from the catalogue of the real bundled page, and requests
the extractive answerer cannot do (quiz, summary, translation) answered with a plain message."""

from __future__ import annotations

import re

import pytest

from rag.catalogue import catalogue_answer, unsupported_request
from rag.chunk import chunk_source
from rag.ingest import make_unit, parse_page
from rag.records import Answer, Chunk, Source, Unit
from rag.settings import BUNDLED_PAGE
from rag.strings import t

AUTHORS = ("许峰", "朱刚", "方力", "崔荣国", "陈秋峰", "王路新", "陶波", "蒋蕴洁")
TITLES = ("矢志守护生态安全", "筑牢国家安全屏障", "贯彻总体国家安全观", "筑牢坚实屏障", "深化网络综合治理",
          "统筹安全与发展", "坚定不移践行总体国家安全观", "强化海外利益保护")  # fmt: skip


def _catalogue(source: Source) -> list[tuple[Unit, Chunk | None]]:
    """Every unit with its first chunk, as the knowledge base hands them over."""
    first: dict[str, Chunk] = {}
    for chunk in chunk_source(source, size=220, overlap=1):
        first.setdefault(chunk.doc_id, chunk)
    return [(u, first.get(u.doc_id)) for u in source.units]


@pytest.fixture(scope="module")
def page() -> list[tuple[Unit, Chunk | None]]:
    assert BUNDLED_PAGE.name == "wuxi_national_security_day_2025.txt"
    return _catalogue(parse_page(BUNDLED_PAGE.read_text(encoding="utf-8"), str(BUNDLED_PAGE)))


@pytest.fixture(scope="module")
def laws() -> list[tuple[Unit, Chunk | None]]:
    """A law-like knowledge base: plain documents with titles and numbered articles, no authors."""
    data_law = [
        "第一条 为了规范数据处理活动，保障数据安全，促进数据开发利用，保护个人、组织的合法权益，"
        "维护国家主权、安全和发展利益，制定本法。",
        "第二条 在中华人民共和国境内开展数据处理活动，适用本法。",
    ]
    security_law = ["第一条 为了维护国家安全，保卫人民民主专政的政权和中国特色社会主义制度，制定本法。"]
    units = (
        make_unit("document", "中华人民共和国数据安全法", None, None, None, data_law),
        make_unit("document", "中华人民共和国国家安全法", None, None, None, security_law),
    )
    return _catalogue(Source(source_id="laws", path="laws.txt", units=units))


def _check_citations(answer: Answer) -> None:
    """Markers 1..N each point to a citation whose quote occurs verbatim in its passage."""
    markers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)})
    assert markers == [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert c.quote and c.quote in c.text


# --- the bundled page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["一共有几篇文章", "这期有几篇文章", "一共有幾篇文章", "这一版一共有几篇文章"]
)
def test_count_says_eight_articles_and_the_editors_note(page, question):
    a = catalogue_answer(question, page)
    assert a is not None and a.grounded and a.lang == "zh"
    assert a.answer.startswith(t("cat_count", "zh", what="8篇文章"))
    assert "另有1篇编者按" in a.answer
    assert all(title in a.answer for title in TITLES)
    assert [c.author for c in a.citations] == [*AUTHORS, None]  # page order, the note last
    _check_citations(a)


def test_count_in_english(page):
    a = catalogue_answer("How many articles are in the knowledge base?", page)
    assert a is not None and a.lang == "en"
    assert a.answer.startswith("The knowledge base holds 8 articles: ")
    assert "editor's note" in a.answer
    assert "深化网络综合治理 筑牢网络安全防线" in a.answer  # titles stay Chinese
    _check_citations(a)


@pytest.mark.parametrize(
    "question",
    [
        "有哪些文章", "都有哪些文章标题", "列出所有文章", "文章列表", "What articles are there?",
        "这一版面讲了哪些内容？", "这一版主要讲了什么？", "本期专版介绍了哪些内容",
        "What does this page cover?", "What topics does this issue cover?", "What do all the articles cover?",
    ],
)
def test_titles_list_every_article_with_author_and_role(page, question):
    a = catalogue_answer(question, page)
    assert a is not None and a.grounded
    for title in TITLES:
        assert title in a.answer
    assert "强化海外利益保护 构建境外投资风险预警体系" in a.answer  # title and subtitle as printed
    assert "蒋蕴洁" in a.answer and "无锡市商务局局长" in a.answer
    _check_citations(a)


@pytest.mark.parametrize(
    "question",
    ["列出所有作者", "有几位作者", "文章都是谁写的", "各篇文章的作者和职务", "List all the authors",
     "这期专版的作者有哪些？", "哪些人写了文章？"],  # the last two were refused (专版, 人 not read)
)  # fmt: skip
def test_authors_list_all_eight_with_roles(page, question):
    a = catalogue_answer(question, page)
    assert a is not None and a.grounded
    assert all(name in a.answer for name in AUTHORS)
    assert "无锡市委宣传部副部长、市委网信办主任" in a.answer
    assert [c.author for c in a.citations] == list(AUTHORS)  # each cited by their own article
    _check_citations(a)


@pytest.mark.parametrize(
    ("question", "authors"),
    [
        ("本版几位作者中，哪几位是区委书记？", ("朱刚", "方力", "崔荣国")),
        ("哪些作者来自市委？", ("许峰", "陈秋峰", "王路新")),
        ("作者中谁担任局长？", ("朱刚", "王路新", "陶波", "蒋蕴洁")),
    ],
)
def test_which_authors_hold_a_post_their_printed_roles_say(page, question, authors):
    a = catalogue_answer(question, page)
    assert a is not None and a.grounded
    assert [c.author for c in a.citations] == list(authors)  # each cited by their own article
    assert all(name in a.answer for name in authors)
    _check_citations(a)


def test_a_post_no_author_holds_is_left_to_the_passage_answerer(page):
    assert catalogue_answer("哪几位作者是省委常委？", page) is None


@pytest.mark.parametrize(
    ("question", "author", "title"),
    [
        ("陈秋峰写了什么文章", "陈秋峰", "深化网络综合治理"),
        ("陈 秋峰写了什么文章？", "陈秋峰", "深化网络综合治理"),
        ("许峰写的文章叫什么", "许峰", "矢志守护生态安全"),
        ("What did 陈秋峰 write?", "陈秋峰", "深化网络综合治理"),
        # named by a post of the printed role (「无锡高新区党工委书记、新吴区委书记」), as readers do
        ("新吴区委书记写了什么文章？", "崔荣国", "筑牢坚实屏障"),
        ("新吴区委书记在这期专版上发的文章，标题是什么？", "崔荣国", "筑牢坚实屏障"),
        ("江阴市委书记写了哪篇文章", "许峰", "矢志守护生态安全"),
    ],
)
def test_which_article_an_author_wrote(page, question, author, title):
    a = catalogue_answer(question, page)
    assert a is not None and a.grounded
    assert title in a.answer and author in a.answer
    assert [c.author for c in a.citations] == [author]
    assert sum(name in a.answer for name in AUTHORS) == 1  # 许峰 is not found inside 陈秋峰's answer
    _check_citations(a)


def test_english_question_gets_english_lead(page):
    a = catalogue_answer("What did 陈秋峰 write?", page)
    assert a is not None and a.answer.startswith(
        "《深化网络综合治理 筑牢网络安全防线》 was written by 陈秋峰"
    )


def test_the_same_unit_twice_counts_once(page):
    a = catalogue_answer("一共有几篇文章", [*page, *page])
    assert a is not None and "8篇文章" in a.answer and len(a.citations) == 9


@pytest.mark.parametrize(
    "question",
    [
        "哪些文章提到了“一带一路”",  # a topical list: the passage answerer lists the matching articles
        "哪些文章提到了网络安全？",
        "多少篇文章提到了数据安全",
        "陈秋峰是什么职务",  # a role question about a named author
        "陈秋峰是谁",
        "这篇文章的作者是谁",  # one article meant, not the collection
        "谁写了深化网络综合治理",
        "江阴市空气质量优良天数比率是多少？",
        "江阴采取了哪些措施保护生态安全？",
        "Which articles mention the Belt and Road?",
        "Who wrote the article about food security?",
        "Who is 陈秋峰?",
        "What is the air quality rate of Jiangyin?",
        "有哪些",
        "江阴讲了哪些内容",  # what one district's article covers: a topic, not the collection
        "文章讲了哪些生态措施",
        "Which article talks about cybersecurity?",
        "What does the page say about food security?",
        # one article or one law, or what an author says: not the collection's titles (a review)
        "许峰的文章讲了什么？", "方力的文章介绍了哪些方面？", "What did 许峰 write about?",
        "What does 方力's article discuss?", "What is this article about?", "What does this law cover?",
        "Who does this law cover?", "法律讲了什么", "条例的主要内容是什么？", "作者说了什么？",
        "What does the author talk about?",
    ],
)
def test_other_questions_are_left_to_the_passage_answerer(page, question):
    assert catalogue_answer(question, page) is None


# --- a law-like knowledge base --------------------------------------------------------------------


@pytest.mark.parametrize("question", ["一共收录了几部法律", "有哪些法律", "知识库里有哪些法律"])
def test_laws_are_counted_and_listed_by_title(laws, question):
    a = catalogue_answer(question, laws)
    assert a is not None and a.grounded
    assert a.answer.startswith("知识库共收录2部法律：")
    assert "《中华人民共和国数据安全法》[1]" in a.answer and "《中华人民共和国国家安全法》[2]" in a.answer
    assert a.citations[0].quote.startswith("第一条 为了规范数据处理活动")
    _check_citations(a)


def test_laws_in_english(laws):
    a = catalogue_answer("What laws are in the knowledge base?", laws)
    assert a is not None and a.answer.startswith("The knowledge base holds 2 laws: ")
    _check_citations(a)


def test_a_unit_without_chunk_is_listed_without_marker(laws):
    extra = make_unit("document", "中华人民共和国反间谍法", None, None, None, ["第一条 …"])
    a = catalogue_answer("有哪些法律", [*laws, (extra, None)])
    assert a is not None and "3部法律" in a.answer
    assert a.answer.endswith("《中华人民共和国国家安全法》[2]；《中华人民共和国反间谍法》。")
    assert len(a.citations) == 2
    _check_citations(a)


def test_an_empty_collection_says_so():
    a = catalogue_answer("一共有几篇文章", [])
    assert a is not None and not a.grounded and a.answer == t("cat_empty", "zh")


# --- requests the extractive answerer cannot do -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("请根据这些文章出5道选择题", "cant_quiz"),
        ("帮我出几道关于粮食安全的判断题", "cant_quiz"),
        ("生成一套试卷", "cant_quiz"),
        ("总结一下这篇文章", "cant_summarise"),
        ("写个摘要", "cant_summarise"),
        ("请概括陈秋峰文章的主要内容", "cant_summarise"),
        ("把这篇文章翻译成英文", "cant_translate"),
        ("翻译全文", "cant_translate"),
        ("Make a quiz from these articles", "cant_quiz"),
        ("Please write 5 multiple-choice questions about the articles", "cant_quiz"),
        ("Summarize the article", "cant_summarise"),
        ("Can you give me a short summary of the page?", "cant_summarise"),
        ("What's the gist of this article?", "cant_summarise"),
        ("Translate the article into English", "cant_translate"),
    ],
)
def test_requests_get_a_plain_message(page, question, key):
    lang = "en" if question.isascii() else "zh"
    assert unsupported_request(question) == t(key, lang)
    a = catalogue_answer(question, page)  # the knowledge base's one hook answers them too
    assert a is not None and a.answer == t(key, lang) and not a.grounded and not a.citations
    assert t("no_answer", lang) not in a.answer


@pytest.mark.parametrize(
    "question",
    [
        "文章提到的总结经验是什么",  # 总结 is the page's word, not a request
        "请问总结经验有哪些？",
        "总结经验有哪些",
        "这篇文章的题目是什么",
        "文章提出了哪些任务",
        "外事翻译人才有多少",
        "“总体国家安全观”翻译成英文是什么",  # a term, not the text: the passage answerer's question
        "江阴市空气质量优良天数比率是多少？",
        "How did Wuxi summarize its experience?",
        "What is the summary of experience in Jiangyin?",
        "What questions does the article raise?",
        "Who set the exam standards?",
        "How is 总体国家安全观 translated?",
        "What measures did Jiangyin take?",
    ],
)
def test_questions_that_only_mention_such_words_are_not_requests(question):
    assert unsupported_request(question) is None


def test_laws_have_no_authors_to_list(laws):
    a = catalogue_answer("列出所有作者", laws)
    assert a is not None and not a.grounded and a.answer == t("cat_no_authors", "zh")


def test_a_part_of_a_question_may_ask_the_collection(default_kb):
    # A new user's trial: 「这一版有几篇文章？…」 said 「资料中没有找到」 for its catalogue part. Each
    # part of a two-part question now tries the catalogue first; the other is answered from passages.
    a = default_kb.ask("这一版有几篇文章？江阴市空气质量优良天数比率是多少？")
    assert "8篇文章" in a.answer and "81.4%" in a.answer
    assert "资料中没有找到" not in a.answer
    _check_citations(a)


@pytest.mark.parametrize(
    ("question", "title", "author"),
    [
        ("Which article talks about cybersecurity?", "深化网络综合治理", "陈秋峰"),
        ("哪篇文章讲网络安全？", "深化网络综合治理", "陈秋峰"),
        ("关于粮食安全的文章是哪篇？", "贯彻总体国家安全观", "方力"),
        ("关于网络安全的文章是哪一篇？", "深化网络综合治理", "陈秋峰"),
        ("哪一篇文章讲了粮食安全？", "贯彻总体国家安全观", "方力"),
    ],
)
def test_which_article_is_about_a_topic_names_it(default_kb, question, title, author):
    # A new user's trial: "Which article talks about cybersecurity?" was refused (read as asking a
    # law's 第X条) and 「哪篇文章讲网络安全」 quoted a sentence without naming the article.
    a = default_kb.ask(question)
    assert a.grounded and title in a.answer and author in a.answer
    assert title in a.citations[0].title and a.citations[0].author == author
    if len(a.citations) == 1:  # one match is led in the singular ("Matching articles:" surprised a trial)
        assert a.answer.startswith(("Matching article: 《", "相关文章是：《")), a.answer
    _check_citations(a)


def test_which_points_of_an_article_are_quoted_not_listed_as_articles(default_kb):
    # 「哪几条」 on the page asks for an article's points (on laws it asks for 第X条): a review found it
    # answered with the article's title once "which article" questions listed articles; before that
    # it was refused, the selector looking for an article label the page does not have.
    for question in ("许峰的文章提出了哪几条措施？", "梁溪提出了哪几条举措？"):
        a = default_kb.ask(question)
        intros = (t("list_intro_plain", "zh"), t("list_intro_plain_one", "zh"))
        assert a.grounded and not a.answer.startswith(intros) and "《" not in a.answer
        assert a.citations[0].author == ("许峰" if "许峰" in question else "朱刚")
        # points, as 「采取了哪些措施」 gets: 2-5, each cited, all from the article asked about
        assert 2 <= len(a.citations) <= 5 and len({c.author for c in a.citations}) == 1, a.answer
        _check_citations(a)


def test_how_many_chapters_and_articles_a_law_has(laws_kb):
    # No article states a law's length; its headings do (counted by hand from the bundled texts).
    sizes = {"国家安全法": (7, 84), "数据安全法": (7, 55), "个人信息保护法": (8, 74), "反间谍法": (6, 71),
             "反恐怖主义法": (10, 97), "生物安全法": (10, 88), "网络安全法": (7, 79),
             "保守国家秘密法": (6, 65)}  # fmt: skip
    english = {"数据安全法": "Data Security Law", "反间谍法": "Counter-espionage Law",
               "个人信息保护法": "Personal Information Protection Law"}  # fmt: skip
    for short, (chapters, articles) in sizes.items():
        a = laws_kb.ask(f"{short}一共有多少条？")
        assert a.answer == f"《中华人民共和国{short}》共{chapters}章、{articles}条[1]。"
        assert a.citations[0].title == f"中华人民共和国{short}"
        _check_citations(a)
        if short in english:
            a = laws_kb.ask(f"How many articles does the {english[short]} have?")
            size = f"{chapters} chapters and {articles} articles"
            assert a.answer.startswith(f"《中华人民共和国{short}》 has {size}")
    # a count of something the law lists is no question about its length
    assert "章" not in laws_kb.ask("国家安全法规定了公民的多少项义务？").answer


def test_a_law_in_parts_counts_each_chapter_and_each_inserted_article(tmp_path):
    # 第一章 under 第一编 and under 第二编 are two chapters; 第二条之一 is an article of its own.
    from rag.loaders import load_file

    text = """# 中华人民共和国示例法

## 第一编 总则

### 第一章 一般规定

第一条 为了示例，制定本法。

第二条 本法适用于示例。

第二条之一 插入的条文。

## 第二编 分则

### 第一章 一般规定

第三条 分则的一般规定。

第四条 本法自公布之日起施行。
"""
    path = tmp_path / "中华人民共和国示例法.md"
    path.write_text(text, encoding="utf-8")
    entries = _catalogue(load_file(path, max_bytes=1 << 20, timeout=30))
    a = catalogue_answer("示例法一共有几章几条？", entries)
    assert a is not None and a.answer == "《中华人民共和国示例法》共2章、5条[1]。"
    _check_citations(a)
    flat = text.replace("### 第一章 一般规定\n\n", "")  # no chapters: 有几章 is not answered with 条 alone
    path.write_text(flat, encoding="utf-8")
    entries = _catalogue(load_file(path, max_bytes=1 << 20, timeout=30))
    assert catalogue_answer("示例法有几章？", entries) is None
    assert catalogue_answer("示例法有几条？", entries).answer == "《中华人民共和国示例法》共5条[1]。"


def test_a_post_names_its_author_only_when_long_enough_and_topics_stay_with_the_passages(page, default_kb):
    # 「局长」 or 「书记」 alone names nobody; 「…提到了哪些人才工程」 asks the article's points, not which
    # articles (「哪些人」 is no 「哪些人才」: the list reading took it and answered with a title)
    assert catalogue_answer("局长写了什么文章？", page) is None
    for question in ("新吴区委书记提到了哪些人才工程？", "崔荣国提到了哪些人才工程？"):
        a = default_kb.ask(question)
        assert a.grounded and "《" not in a.answer and "五大工程" in a.answer, a.answer
        assert {c.author for c in a.citations} == {"崔荣国"}
        _check_citations(a)


@pytest.mark.parametrize(
    "question, author, words",
    [
        ("崔荣国那篇文章主要讲的是哪方面的安全？", "崔荣国", "经济安全"),
        ("陈秋峰的文章属于哪个领域？", "陈秋峰", "网络安全"),
        ("Which area of security does Cui Rongguo write about?", "崔荣国", "经济安全"),
        ("Which field is Fang Li's article about?", "方力", "粮食安全"),
    ],
)
def test_the_field_of_an_authors_article_is_its_title(page, question, author, words):
    """「…那篇文章主要讲的是哪方面的安全」 was answered with two sentences of the article (ninth blind
    set): the field one article covers is in its title, cited by its opening. An author spelled in
    pinyin ("Cui Rongguo") is the author written in Chinese."""
    a = catalogue_answer(question, page)
    assert a is not None and a.grounded and words in a.answer and author in a.answer, a and a.answer
    assert [c.author for c in a.citations] == [author]
    _check_citations(a)


def test_an_author_asked_by_two_posts_holds_both(default_kb):
    """「既是…，同时负责…」 asks for the author whose role holds both posts, not the passage on one."""
    a = default_kb.ask("哪位作者既是市委宣传部副部长，同时负责网信办？")
    assert a.grounded and "陈秋峰" in a.answer, a.answer
    assert a.answer.startswith("职务中有“市委宣传部副部长”“网信办”"), a.answer


@pytest.mark.parametrize(
    ("question", "author"),
    [("是哪位作者要求企业对高风险地区和行业做到不去不投的？", "蒋蕴洁"),
     ("兼任市地方金融管理局局长的是哪位作者？", "王路新")],
)
def test_one_author_asked_by_what_the_article_says_is_named(default_kb, question, author):
    """「是哪位作者要求…」 asks one author: when no article is listed by its topic, the author of the
    passage saying so is named with the article, not the passage alone."""
    a = default_kb.ask(question)
    assert a.grounded and a.answer.startswith(author), a.answer
