"""Is a question about a rule (policy: how long, how much, may I) or about getting something done
(service: how to apply, what to bring, where)? The answer weighs Q&A entries against matters in
the fused ranking (retrieval.yaml `kind_weights`): "失业金能领几个月" wants the rule, "失业金怎么领"
the matter. A message with neither cue is a question ("什么样的家庭能申请低保": neutral) or just
names a thing or a wish ("私家车年检", "给孩子改名字": plain), which asks for the service."""
from __future__ import annotations

import re

from guide.text import normalize

# 几年 / 几天 / 几个月 ask how long, except as a span told (那几年, 前几天, 好几个月)
POLICY = re.compile(r"多久|多长|多少|(?<![那这前好过头])(?:几个月|几年|几天)|几岁|多大|能不能|可不可以|可以不|是否|有没有|算不算|怎么算|怎么计算|"
                    r"有效期|比例|期限|赔偿|违法|合法|谁|为什么|什么时候|截止|最晚|最长|最短|最高|最低|上限|标准|"
                    r"会不会|要不要|还能|算工伤|犯法|怎么处理|怎么办才|吗[？?]?$")
SERVICE = re.compile(r"怎么办理|怎么申请|如何办理|如何申请|去哪|在哪|哪里办|哪儿办|要什么材料|需要什么材料|带什么|"
                     r"准备什么|什么手续|办什么|办哪些|办理流程|流程|网上办|预约|补办|换领|申领|登记|备案|开具|打印|查询|"
                     r"(?:怎么|如何|咋)(?:样)?(?:提取|取|领|办|交|缴|补|换|开|转|注销|申报|报|查|弄|上户|过户)")


# Words that make a message a question (guide.dialogue.parse.is_question adds 呢). For the form a
# "那低保呢" (what about …) is no question of its own: it carries the last one over.
QUESTION_CUES = r"怎么|什么|多少|多久|多长|几[天年个次]|如何|啥|咋|哪|吗|能不能|是否|[?？]"
QUESTION = re.compile(QUESTION_CUES)


def question_form(text: str) -> str:
    """policy | service | neutral | plain."""
    norm = normalize(text)
    policy, service = bool(POLICY.search(norm)), bool(SERVICE.search(norm))
    if policy and not service:
        return "policy"
    if service and not policy:
        return "service"
    if not (policy or service) and not QUESTION.search(norm):
        return "plain"
    return "neutral"
