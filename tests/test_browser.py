"""The app in a real headless Chromium: ask, follow a citation, read the article, refuse, export,
and show hostile document text as text. Screenshots and timings go to tests/artifacts/."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("RAG_SKIP_BROWSER") == "1", reason="RAG_SKIP_BROWSER=1"),
]

ARTIFACTS = Path(__file__).parent / "artifacts"
PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "<svg onload=alert(4)>",
    '<a href="javascript:alert(3)">恶意链接</a>',
    "[点此查看](javascript:window.__pwned=3)",
)


@pytest.fixture
def page(browser, app_server):
    ARTIFACTS.mkdir(exist_ok=True)
    viewport = {"width": 1440, "height": 1000}
    context = browser.new_context(viewport=viewport, accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(app_server.url)
    pg.wait_for_selector("#rag-question textarea", timeout=60_000)
    yield pg
    context.close()


def _ask(page, question: str, n_bubbles: int) -> float:
    """Type and send ``question``; wait until the answer (bubble number ``n_bubbles``) is final."""
    start = time.perf_counter()
    page.fill("#rag-question textarea", question)
    page.click("#rag-send")
    done = "n => document.querySelectorAll('#rag-chat .rag-done').length >= n"
    page.wait_for_function(done, arg=n_bubbles, timeout=60_000)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)  # the sources panel and export buttons arrive in the same update
    return seconds


def _last_bot(page):
    return page.locator("#rag-chat [data-testid=bot]").last


def _record(name: str, value: float) -> None:
    path = ARTIFACTS / "browser_timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = round(value, 3)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))


def test_ask_follow_citation_read_article_refuse_and_export(page):
    seconds = _ask(page, "江阴市空气质量优良天数比率是多少？", 1)
    _record("answer_seconds_zh", seconds)
    bubble = _last_bot(page)
    assert "81.4%" in bubble.inner_text()
    bubble.locator("a.rag-cite").first.click()
    card = page.locator("#src-1-1")
    card.wait_for(state="visible")
    assert "许峰" in card.inner_text() and "江阴市委书记" in card.inner_text()
    page.wait_for_timeout(800)  # smooth scroll
    top = card.bounding_box()["y"]
    assert 0 <= top < page.viewport_size["height"], "the marker link brought the card into view"
    assert "81.4%" in card.locator(".rag-passage mark.rag-quote").inner_text()
    page.screenshot(path=str(ARTIFACTS / "chat-answer.png"))

    card.locator("details.rag-full > summary").click()
    hit = card.locator(".rag-article p.rag-hit")
    hit.wait_for(state="visible")
    assert "81.4%" in hit.locator("mark").inner_text()
    box = card.locator(".rag-article").bounding_box()
    para = hit.bounding_box()
    assert box["y"] <= para["y"] < box["y"] + box["height"], "cited paragraph is scrolled into view"
    page.screenshot(path=str(ARTIFACTS / "chat-full-article.png"))

    _ask(page, "无锡地铁6号线什么时候开通？", 2)
    assert "没有找到" in _last_bot(page).inner_text()
    assert page.locator("#rel-2-1").is_visible()
    page.screenshot(path=str(ARTIFACTS / "chat-refusal.png"))

    with page.expect_download() as download:
        page.click("#rag-export-md")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## 1. 问：江阴市空气质量优良天数比率是多少？" in text
    assert "许峰（无锡市委常委、江阴市委书记）" in text and "81.4%" in text
    assert "地铁" not in text  # the refusal starts unticked in the export list
    turns = page.locator("#rag-export-turns input[type=checkbox]")
    assert turns.count() == 2 and turns.nth(0).is_checked() and not turns.nth(1).is_checked()
    turns.nth(1).check()
    page.wait_for_timeout(1000)  # fresh export files arrive
    with page.expect_download() as download:
        page.click("#rag-export-md")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## 2. 问：无锡地铁6号线什么时候开通？" in text
    assert page.dialogs == []


def test_follow_up_and_english_switch(page):
    _ask(page, "谁写了关于粮食安全的文章？", 1)
    assert "方力" in _last_bot(page).inner_text()
    _ask(page, "他的职务是什么？", 2)
    reply = _last_bot(page).inner_text()
    assert "锡山区委书记" in reply and "方力的职务是什么？" in reply  # shows how it was read
    page.get_by_text("English", exact=True).click()
    page.get_by_role("button", name="Ask", exact=True).wait_for()
    page.get_by_role("tab", name="Library").wait_for()
    examples = [page.locator(f"#rag-example-{i}").inner_text() for i in range(5)]
    assert all(e.isascii() for e in examples), examples  # the example questions follow the language
    seconds = _ask(page, "What proportion of Wuxi's industrial output comes from high-tech industries?", 3)
    _record("answer_seconds_en", seconds)
    assert "53.1%" in _last_bot(page).inner_text()
    assert "What proportion of Wuxi's industrial output" in page.locator("#rag-chat").inner_text()
    _ask(page, "Who wrote that article? And what is his role?", 4)  # two parts, an English follow-up
    reply = _last_bot(page).inner_text()
    assert "陶波" in reply and "无锡市科技局局长" in reply, reply
    page.screenshot(path=str(ARTIFACTS / "chat-english.png"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("！！？？……", "问题里没有可检索的文字"),
        ("😀😀😀", "问题里没有可检索的文字"),
        ("\x01\x07江阴市\u200b空气质量优良天数比率是多少？", "81.4%"),
        ("江阴市空气质量优良天数比率是多少？" + "很" * 20_000, "只使用了前 500 个字符"),
    ],
)
def test_bad_questions_get_an_answer_or_a_clear_message(page, question, expected):
    _ask(page, question, 1)
    assert expected in _last_bot(page).inner_text()


def test_empty_question_shows_a_message(page):
    page.fill("#rag-question textarea", "   ")
    page.click("#rag-send")
    page.get_by_text("请输入问题。").first.wait_for(timeout=15_000)
    assert page.locator("#rag-chat [data-testid=bot]").count() == 0


def test_a_stray_empty_send_leaves_the_conversation_as_it_was(page):
    """A blank send after an answer: a notice, the answer and its sources still there, no
    component marked as failed, and the box still takes the next question (a new user's trial found
    every panel replaced by red 「错误」 badges)."""
    _ask(page, "江阴市空气质量优良天数比率是多少？", 1)
    sources = page.inner_text("#rag-sources")
    page.fill("#rag-question textarea", "  ")
    page.click("#rag-send")
    page.get_by_text("请输入问题。").first.wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "chat-empty-send.png"))
    failed = page.locator(".toast-body.error, [data-testid=status-tracker] .error")
    assert failed.count() == 0 and page.get_by_text("错误", exact=True).count() == 0
    assert "81.4%" in _last_bot(page).inner_text() and page.inner_text("#rag-sources") == sources
    _ask(page, "锡山区有多少个水稻新品种通过省级及以上审定？", 2)
    assert "21" in _last_bot(page).inner_text()


def _upload(page, path) -> None:
    """Choose a file in the upload box; a choice made while the knowledge-base switch is still
    re-rendering the tab can be dropped by the browser, so choose again until the name shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    shown = f"() => document.querySelector('#rag-upload').innerText.includes({path.name!r})"
    for _ in range(3):
        page.set_input_files("#rag-upload input[type=file]", str(path))
        try:
            page.wait_for_function(shown, timeout=20_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the upload box never showed {path.name}")


def test_hostile_document_is_shown_as_text(page, tmp_path):
    doc = tmp_path / "hostile.txt"
    # A signed article in the page layout: the "who wrote" answer quotes its title and the author's
    # role, so payloads reach the chat bubble as well as the cards and the library.
    img, script, svg, link, md_link = PAYLOADS
    body = (f"红星社区坚持把安全生产放在首位，全年开展安全检查120次{link}{md_link}。\n\n"
            f"（作者为红星社区{img}党委书记）\n守护社区安全{script}\n"
            f"筑牢基层防线{svg}\n□张 三\n")  # fmt: skip
    doc.write_text(body, encoding="utf-8")
    page.get_by_role("tab", name="知识库管理").click()
    page.fill("#rag-new-kb input", "hostile_test")
    page.click("#rag-create-kb")
    page.get_by_text("已新建知识库“hostile_test”").wait_for()
    _upload(page, doc)
    page.click("#rag-preview-btn")
    page.locator("#rag-preview table").wait_for()
    assert "hostile.txt" in page.locator("#rag-preview").inner_text()
    page.click("#rag-index-btn")
    page.get_by_text("已加入 1 个文件").wait_for(timeout=120_000)
    page.get_by_role("tab", name="文库").click()
    page.locator("#rag-library details.rag-unit > summary").first.click()
    assert PAYLOADS[0] in page.locator("#rag-library").inner_text()

    page.get_by_role("tab", name="问答").click()
    _ask(page, "守护社区安全一文的作者是谁？", 1)
    page.locator("#rag-sources details.rag-full > summary").first.click()
    chat, cards = page.locator("#rag-chat").inner_text(), page.locator("#rag-sources").inner_text()
    assert "张三" in chat
    for payload in PAYLOADS[:3]:
        assert payload in chat
    for payload in PAYLOADS:
        assert payload in cards
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "hostile.png"))
    assert page.evaluate("window.__pwned === undefined"), "a payload ran"
    assert page.dialogs == [], f"payloads executed: {page.dialogs}"
    assert page.locator("#rag-chat img[src=x], #rag-sources img[src=x], #rag-library img[src=x]").count() == 0


def test_manage_rejects_bad_names_adds_and_removes_a_document(page, tmp_path):
    doc = tmp_path / "社区通知.md"
    doc.write_text("# 社区安全通知\n\n本周六上午九点在社区广场开展国家安全知识宣传活动。\n", encoding="utf-8")
    page.get_by_role("tab", name="知识库管理").click()
    page.fill("#rag-new-kb input", "坏 名字!")
    page.click("#rag-create-kb")
    page.get_by_text("知识库名称“坏 名字!”无效").first.wait_for()
    page.fill("#rag-new-kb input", "安全教育2025")  # a Chinese name is a name like any other
    page.click("#rag-create-kb")
    page.get_by_text("已新建知识库“安全教育2025”").wait_for()
    assert page.locator("#rag-kb input").input_value() == "安全教育2025"
    assert "Error" not in page.locator("#rag-top").inner_text()
    _upload(page, doc)
    page.click("#rag-index-btn")
    page.get_by_text("已加入 1 个文件").wait_for(timeout=120_000)
    page.get_by_role("tab", name="文库").click()
    assert "社区安全通知" in page.locator("#rag-library").inner_text()

    page.get_by_role("tab", name="知识库管理").click()
    page.locator("#rag-remove input").click()
    page.get_by_role("option", name="社区通知.md").click()
    page.click("#rag-remove-btn")
    page.get_by_text("已删除“社区通知.md”").wait_for()
    page.get_by_role("tab", name="文库").click()
    assert "知识库为空" in page.locator("#rag-library").inner_text()


def test_a_law_citation_card_shows_the_article_and_opens_it_whole(page):
    page.locator("#rag-kb input").click()
    page.get_by_role("option", name="laws").click()
    example = "() => (document.querySelector('#rag-example-0') || {}).innerText?.includes('国家安全法第二条')"
    page.wait_for_function(example, timeout=60_000)  # the picker switched: the laws' example questions
    _ask(page, "国家安全法第二条规定了什么？", 1)
    bubble = _last_bot(page)
    assert "国家安全是指国家政权" in bubble.inner_text()
    bubble.locator("a.rag-cite").first.click()
    card = page.locator("#src-1-1")
    card.wait_for(state="visible")
    assert "《中华人民共和国国家安全法》" in card.inner_text()
    assert "第一章 总则 · 第二条" in card.locator(".rag-section").inner_text()
    card.locator("details.rag-full > summary").click()
    article = card.locator(".rag-article")
    article.wait_for(state="visible")
    assert article.inner_text().startswith("第二条 国家安全是指") and "第三条" not in article.inner_text()
    page.screenshot(path=str(ARTIFACTS / "chat-law-card.png"))
    assert page.dialogs == []


def test_lesson_kit_builds_trims_and_downloads_a_quiz(page, tmp_path):
    from docx import Document

    page.get_by_role("tab", name="备课").click()
    count = page.locator("#rag-kit-n input")
    count.fill("5")
    count.press("Tab")  # the number is committed when the field is left (a loaded run had built 10 items)
    page.locator("#rag-kit-domain input").click()
    page.get_by_role("option", name="金融", exact=True).click()
    page.click("#rag-kit-make")
    preview = page.locator("#rag-kit-preview")
    preview.get_by_text("教师卷（答案与出处）").wait_for(timeout=120_000)
    boxes = page.locator("#rag-kit-items input[type=checkbox]")
    assert boxes.count() == 5
    text = preview.inner_text()
    assert "学生卷" in text and "出处：《" in text
    first = page.locator("#rag-kit-items label").first.inner_text().split("…")[0].split(". ", 1)[1]
    boxes.first.uncheck()  # the trainer drops an item: it leaves the preview and the downloads
    gone = "s => !document.querySelector('#rag-kit-preview').innerText.includes(s)"
    page.wait_for_function(gone, arg=first, timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "kit-quiz.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#rag-kit-docx")
    path = tmp_path / "quiz.docx"
    info.value.save_as(path)
    body = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "学生卷" in body and "教师卷" in body and "答案：" in body and first not in body
    assert body.count("（选择题）") + body.count("（填空题）") + body.count("（判断题）") == 4
    page.click("#rag-kit-replace")  # the dropped item is replaced by a new one
    page.wait_for_function("() => document.querySelectorAll('#rag-kit-items input:checked').length === 5",
                           timeout=120_000)  # fmt: skip
    assert page.dialogs == []


@pytest.mark.parametrize("width", [390, 768])
def test_phone_and_tablet_widths_have_no_overflow_and_a_readable_header(browser, app_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(app_server.url)
    page.wait_for_selector("#rag-question textarea", timeout=60_000)
    page.wait_for_timeout(500)
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    title = page.locator(".rag-header h1").bounding_box()
    assert title["height"] < 64 and title["width"] >= 150, title  # one or two lines, not a column
    tagline = page.locator(".rag-header p").bounding_box()
    assert tagline["x"] + tagline["width"] <= width  # the subtitle is not clipped under the picker
    for i in range(5):
        button = page.locator(f"#rag-example-{i}")
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "an example runs off its button"
    page.screenshot(path=str(ARTIFACTS / f"layout-{width}.png"))
    context.close()


def test_the_add_button_is_off_when_no_chosen_file_can_be_read(page, tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 8)
    page.get_by_role("tab", name="知识库管理").click()
    _upload(page, noise)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # The upload's own change event re-enables the button for a new choice; on a busy machine it can
    # reach the page after the preview's answer, so the preview is asked again, as a user would.
    for attempt in range(3):
        page.click("#rag-preview-btn")
        page.locator("#rag-preview").get_by_text("noise.txt").first.wait_for()
        try:
            page.wait_for_function("() => document.querySelector('#rag-index-btn').disabled", timeout=15_000)
            break
        except PlaywrightTimeout:
            assert attempt < 2, "the add button stayed on for a file that cannot be read"
    assert page.dialogs == []


def test_an_english_browser_gets_the_english_interface(browser, app_server):
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    page.goto(app_server.url)
    page.get_by_role("button", name="Ask", exact=True).wait_for(timeout=60_000)
    page.get_by_role("tab", name="Lesson kit").wait_for()
    assert page.locator("#rag-example-0").inner_text().isascii()
    # Gradio's own strings follow the interface toggle, not only the browser's language
    page.get_by_role("tab", name="Knowledge bases").click()
    upload = page.locator("#rag-upload")
    upload.get_by_text("Drop File Here").wait_for()
    page.get_by_text("中文", exact=True).click()
    upload.get_by_text("将文件拖放到此处").wait_for(timeout=15_000)
    assert "Drop File Here" not in upload.inner_text()
    page.get_by_text("English", exact=True).click()
    upload.get_by_text("Drop File Here").wait_for(timeout=15_000)
    context.close()
