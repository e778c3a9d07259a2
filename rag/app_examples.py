"""The example questions the app offers under the question box, per bundled knowledge base and
interface language (no Gradio here: the front page shows them before the interface loads)."""

from __future__ import annotations

# Example questions of each bundled knowledge base (others show the default's until asked).
EXAMPLES = {
    "default": (
        "江阴市空气质量优良天数比率是多少？",
        "谁写了关于粮食安全的文章？",
        "哪些文章提到了“一带一路”？",
        "陶波是什么职务？",
        "What proportion of Wuxi's industrial output comes from high-tech industries?",
    ),
    "laws": (
        "国家安全法第二条规定了什么？",
        "哪一条规定了关键信息基础设施的个人信息应当在境内存储？",
        "全民国家安全教育日是哪一天？",
        "一共收录了几部法律？",
        "Under the Data Security Law, who is responsible for data security in each region?",
    ),
}
# The same in the English interface: English questions (answered in English, quoting the Chinese).
EXAMPLES_EN = {
    "default": (
        "What was Jiangyin's rate of good air quality days?",
        "Who wrote about food security?",
        "Which articles mention the Belt and Road?",
        "What is Tao Bo's position?",
        "What proportion of Wuxi's industrial output comes from high-tech industries?",
    ),
    "laws": (
        "What does Article 2 of the National Security Law say?",
        "Under the Cybersecurity Law, how long must network logs be kept?",
        "When is National Security Education Day?",
        "How many laws are in the collection?",
        "Under the Data Security Law, who is responsible for data security in each region?",
    ),
}


def examples(name: str | None, lang: str = "zh") -> tuple[str, ...]:
    """The example questions of knowledge base ``name`` in ``lang`` (others get the default's)."""
    table = EXAMPLES_EN if lang == "en" else EXAMPLES
    return table.get(name or "", table["default"])
