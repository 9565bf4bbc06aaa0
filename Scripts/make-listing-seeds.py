#!/usr/bin/env python3
"""Generate the demo listing seeds under Seeds/listings/.

Writes four files (plus the matching judgements), all invented text in
Simplified Chinese, built from per-field templates and vocabularies:

  Seeds/listings/patents.json          专利 owned by universities, institutes, labs
  Seeds/listings/achievements.json     科技成果 owned by universities, institutes, labs
  Seeds/listings/needs.json            技术需求 posted by enterprises
  Seeds/listings/challenges.json       揭榜挂帅 challenges (enterprises, science bureaus)
  Seeds/listings/need-judgements.json  per need: the patents and achievements a human
                                       would judge relevant (same field and the need's
                                       core technical term in the item's text)

Every listing is generated from one "topic" (a core technical term of one field,
with its devices, processes, applications, problems and indicators). Needs are
generated from the same topics, so most needs are answerable by seeded listings;
a few needs use need-only topics and have no relevant listing at all.

Output is deterministic (fixed random seed, no clock). Everything is validated
before anything is written; on any problem the script prints it and exits 1.

Usage:
  python3 Scripts/make-listing-seeds.py           generate, validate, write, report
  python3 Scripts/make-listing-seeds.py --check   validate the files on disk only

Python 3 standard library only.
"""

import json
import math
import os
import random
import re
import sys
from collections import Counter, OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "Seeds")
OUT = os.path.join(SEEDS, "listings")
SEED = 20260115

CITIES = ("WH", "EZ", "HS", "HG", "XN")
FIELDS = ("optoelectronics", "new_energy_vehicles", "life_health",
          "high_end_equipment", "beidou", "ai")
RESEARCH_KINDS = ("university", "institute", "lab")
TRANSFER_MODES = ("assignment", "licence_exclusive", "licence_non_exclusive", "equity")
COOP_MODES = ("transfer", "licence", "equity", "joint_development",
              "commissioned_development", "consulting")
NEED_MODES = ("commissioned_development", "joint_development", "transfer", "licence", "consulting")
CHALLENGE_STATES = ("draft", "published", "applications_closed", "under_review",
                    "awarded", "in_progress", "closed", "cancelled")
MEMBER_TITLES = ("教授", "副教授", "研究员", "高级工程师", "博士")

# --- patent numbers --------------------------------------------------------------

PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
PATENT_RE = re.compile(r"^(\d{4})([12])(\d{7})\.([0-9X])$")
IPC_RE = re.compile(r"^[A-H]\d{2}[A-Z] \d{1,4}/\d{2,6}$")


def patent_check_char(digits12):
    """Check character of a 12-digit CN application number (remainder 10 -> X)."""
    r = sum(int(d) * w for d, w in zip(digits12, PATENT_WEIGHTS)) % 11
    return "X" if r == 10 else str(r)


def is_valid_patent_number(number):
    m = PATENT_RE.match(number)
    if not m or not 2012 <= int(m.group(1)) <= 2025:
        return False
    return patent_check_char(number[:12]) == m.group(4)


assert patent_check_char("201710601862") == "3"  # the example in DOMAIN.md

# --- files -----------------------------------------------------------------------


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save_json(name, data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def load_orgs():
    orgs = load_json(os.path.join(SEEDS, "organizations.json"))
    by_code = {o["creditCode"]: o for o in orgs}
    by_name = {o["name"]: o for o in orgs}
    return orgs, by_code, by_name

# --- small text helpers ----------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹"
            "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃戴莫孔向汤柳易喻鲁甘")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂华建国文辉鹏俊峰宇浩凯晨"
         "志远海波欣怡思雨佳琪子涵梓萱一鸣博文天佑嘉懿雪松立新晓东春燕振华玉兰"
         "卫东红梅正阳光明亚楠继伟永刚宏宇书豪诗琪若曦晗煜铭泽楚瑜江汉荆楠")


def person_name(rng, used=None):
    for _ in range(100):
        n = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if used is None or n not in used:
            if used is not None:
                used.add(n)
            return n
    raise RuntimeError("ran out of names")


def people(rng, n):
    used = set()
    return [person_name(rng, used) for _ in range(n)]


def decimals(x):
    s = repr(x)
    return len(s.split(".")[1]) if "." in s and not s.endswith(".0") else 0


def pick_value(rng, lo, hi):
    """A value in [lo, hi] printed with as many decimals as the bounds carry."""
    d = max(decimals(lo), decimals(hi))
    if lo == hi:
        v = lo
    elif d == 0:
        v = rng.randint(int(lo), int(hi))
    else:
        v = round(rng.uniform(lo, hi), d)
    return f"{v:.{d}f}"


def clen(s):
    return len(s)


def money(rng, lo_yuan, hi_yuan, negotiable_share):
    """Price/budget object in fen; whole ¥10,000 steps."""
    if rng.random() < negotiable_share:
        return OrderedDict([("minFen", None), ("maxFen", None), ("negotiable", True)])
    # log-uniform: small amounts are far more common than the top of the range
    lo = int(math.exp(rng.uniform(math.log(lo_yuan), math.log(hi_yuan * 0.8))))
    lo = max(lo_yuan, lo - lo % 10000)
    hi = min(hi_yuan, lo + rng.choice((0, 1, 2, 3, 4, 6)) * lo // 4)
    hi -= hi % 10000
    hi = max(hi, lo)
    return OrderedDict([("minFen", lo * 100), ("maxFen", hi * 100), ("negotiable", False)])

# --- vocabularies ------------------------------------------------------------------
#
# One topic = one core technical term of one field. Keys:
#   key, f (field), f2 (optional second field), term (core term: appears in every
#   listing and need built from the topic), kws (more keywords), objs (products that
#   read well as "一种X"), meths (method titles without "一种"), mk (what "X及其…" takes),
#   procs (processes), apps (applications), probs (problems of current practice),
#   inds (indicator, unit, current range, target range, "+" higher is better / "-"),
#   ipcs (IPC codes), needOnly (topic used by needs only: nothing seeded answers it).


def T(key, f, term, kws, objs, meths, mk, procs, apps, probs, inds, ipcs, f2=None, need_only=False):
    return dict(key=key, f=f, f2=f2, term=term, kws=kws, objs=objs, meths=meths, mk=mk,
                procs=procs, apps=apps, probs=probs, inds=inds, ipcs=ipcs, needOnly=need_only)


TOPICS = []

TOPICS += [
    T("microled", "optoelectronics", "Micro-LED", ["GaN", "微显示", "巨量转移"],
      ["GaN基Micro-LED芯片", "Micro-LED全彩微显示模组", "Micro-LED巨量转移印章"],
      ["Micro-LED芯片侧壁缺陷的原子层钝化方法", "基于激光剥离的Micro-LED巨量转移方法"],
      "制备方法", ["金属有机化学气相外延", "原子层沉积侧壁钝化", "激光剥离转移", "量子点色转换"],
      ["AR近眼显示", "车载抬头显示", "智能手表屏"],
      ["小尺寸芯片侧壁非辐射复合导致发光效率骤降", "巨量转移良率不足、坏点修复成本高"],
      [("外量子效率", "%", (5, 9), (18, 28), "+"), ("巨量转移良率", "%", (99.0, 99.5), (99.95, 99.99), "+")],
      ["H01L 33/00", "H01L 27/15", "H01L 33/44"]),
    T("siphotonics", "optoelectronics", "硅光调制器", ["硅光", "光互连", "800G"],
      ["硅基马赫-曾德尔硅光调制器", "集成硅光调制器的收发芯片", "硅光调制器行波电极结构"],
      ["硅光调制器的偏置点自动锁定方法", "基于载流子耗尽的硅光调制器设计方法"],
      "制作方法", ["载流子耗尽型PN结设计", "行波电极阻抗匹配", "端面倒锥耦合", "晶圆级光学测试"],
      ["400G/800G数据中心光互连", "相干光通信", "光计算"],
      ["调制带宽不足、难以支撑单波200G", "插入损耗大且与光纤耦合效率低"],
      [("调制带宽", "GHz", (25, 35), (50, 70), "+"), ("插入损耗", "dB", (5.0, 7.0), (2.0, 3.5), "-")],
      ["G02F 1/025", "G02B 6/12", "H04B 10/516"]),
    T("fibersensing", "optoelectronics", "分布式光纤传感", ["φ-OTDR", "FBG", "振动监测"],
      ["φ-OTDR分布式光纤传感系统", "弱光纤光栅阵列传感光缆", "分布式光纤传感解调仪"],
      ["基于相位解调的分布式光纤传感振动定位方法", "分布式光纤传感信号的模式识别方法"],
      "解调方法", ["相干相位解调", "弱光栅阵列在线刻写", "脉冲编码", "事件模式识别"],
      ["油气管道安全监测", "桥梁结构健康监测", "周界安防"],
      ["定位精度差、长距离下信噪比急剧下降", "误报率高，难以区分人工挖掘与车辆振动"],
      [("振动定位精度", "m", (10, 20), (1, 3), "-"), ("单端传感距离", "km", (20, 30), (50, 80), "+")],
      ["G01D 5/353", "G01H 9/00", "G08B 13/186"]),
    T("fiberlaser", "optoelectronics", "光纤激光器", ["掺镱光纤", "光束质量", "kW级"],
      ["万瓦级掺镱光纤激光器", "光纤激光器用泵浦合束器", "光纤激光器包层光剥离器"],
      ["抑制光纤激光器模式不稳定的方法", "光纤激光器受激拉曼散射抑制方法"],
      "制备方法", ["大模场光纤设计", "泵浦合束", "包层光剥离", "模式不稳定抑制"],
      ["厚板切割", "船舶制造", "新能源电池加工"],
      ["高功率下模式不稳定导致光束质量恶化", "合束器和剥离器发热严重、长期可靠性差"],
      [("单纤输出功率", "kW", (3, 6), (10, 20), "+"), ("光束质量因子M²", "", (1.8, 2.5), (1.1, 1.3), "-")],
      ["H01S 3/067", "H01S 3/094", "G02B 6/036"]),
    T("infrared", "optoelectronics", "非制冷红外探测器", ["MEMS", "氧化钒", "热成像"],
      ["氧化钒非制冷红外探测器", "非制冷红外探测器像元结构", "晶圆级封装非制冷红外探测器"],
      ["非制冷红外探测器的晶圆级真空封装方法", "非制冷红外探测器非均匀性校正方法"],
      "制造方法", ["MEMS牺牲层释放", "晶圆级真空封装", "氧化钒薄膜溅射", "非均匀性校正"],
      ["电力设备巡检测温", "安防夜视", "工业过程测温"],
      ["噪声等效温差偏大、小像元下灵敏度不足", "真空封装成本高，良率偏低"],
      [("噪声等效温差NETD", "mK", (60, 80), (30, 40), "-"), ("像元间距", "μm", (17, 17), (8, 12), "-")],
      ["G01J 5/20", "H01L 27/146", "B81B 7/02"]),
    T("perovskite", "optoelectronics", "钙钛矿发光", ["量子点", "广色域", "柔性显示"],
      ["钙钛矿发光二极管", "钙钛矿量子点色转换膜", "钙钛矿发光薄膜"],
      ["钙钛矿发光层的原位钝化方法", "提高钙钛矿发光器件寿命的封装方法"],
      "制备方法", ["配体交换", "原位钝化", "反溶剂结晶", "薄膜封装"],
      ["广色域液晶背光", "柔性显示", "植物照明"],
      ["器件工作寿命短、湿热环境下快速衰减", "大面积成膜均匀性差"],
      [("外量子效率", "%", (10, 15), (22, 28), "+"), ("T50工作寿命", "h", (100, 300), (1000, 3000), "+")],
      ["H10K 50/115", "C09K 11/66", "H01L 33/50"]),
    T("5gmodule", "optoelectronics", "5G前传光模块", ["5G", "DFB激光器", "WDM"],
      ["25G DFB激光器芯片", "WDM 5G前传光模块", "5G前传光模块TO封装组件"],
      ["5G前传光模块的波长温度补偿方法", "DFB激光器芯片光栅再生长方法"],
      "制作方法", ["光栅再生长", "TO同轴封装", "波长温度补偿", "高速驱动匹配"],
      ["5G基站前传", "工业PON", "城域接入网"],
      ["高温下波长漂移和功率下降", "边模抑制比不足、良率低导致成本高"],
      [("工作温度上限", "℃", (70, 75), (85, 95), "+"), ("边模抑制比", "dB", (35, 38), (45, 50), "+")],
      ["H01S 5/12", "H04B 10/40", "H04J 14/02"]),
    T("opticalcoating", "optoelectronics", "超低损耗光学薄膜", ["离子束溅射", "高反膜"],
      ["激光高反镜", "窄带滤光片"], [], "制备方法", ["离子束溅射镀膜", "膜厚监控"],
      ["激光陀螺", "光谱仪"], ["膜层吸收损耗高、批次一致性差"],
      [("反射率", "%", (99.5, 99.8), (99.99, 99.995), "+")], [], need_only=True),
]

TOPICS += [
    T("solidstate", "new_energy_vehicles", "固态电池", ["硫化物电解质", "锂金属负极", "界面修饰"],
      ["硫化物固态电解质", "固态电池用复合电解质膜", "高比能固态电池"],
      ["固态电池电极/电解质界面的原位修饰方法", "干法制备固态电池电解质膜的方法"],
      "制备方法", ["干法成膜", "界面原位修饰", "高能球磨合成", "等静压致密化"],
      ["高比能动力电池", "电动飞行器", "高端储能"],
      ["电解质离子电导率低、界面阻抗大", "硫化物电解质空气稳定性差、量产难"],
      [("室温离子电导率", "mS/cm", (0.5, 1.0), (5, 10), "+"), ("电芯能量密度", "Wh/kg", (250, 280), (350, 420), "+")],
      ["H01M 10/0562", "H01M 10/052", "H01M 4/62"]),
    T("highnickel", "new_energy_vehicles", "高镍三元正极", ["NCM811", "单晶化", "包覆改性"],
      ["单晶高镍三元正极材料", "包覆型高镍三元正极材料", "高镍三元正极前驱体"],
      ["高镍三元正极材料的表面快离子导体包覆方法", "降低高镍三元正极残碱的水洗方法"],
      "制备方法", ["共沉淀", "原子层沉积包覆", "高温固相烧结", "掺杂改性"],
      ["长续航乘用车", "快充动力电池"],
      ["循环过程中微裂纹和产气严重", "表面残碱高，匀浆易凝胶"],
      [("1000次循环容量保持率", "%", (75, 80), (90, 95), "+"), ("残碱含量", "ppm", (3000, 5000), (800, 1200), "-")],
      ["H01M 4/525", "H01M 4/36", "C01G 53/00"]),
    T("bms", "new_energy_vehicles", "BMS", ["SOC估计", "SOH", "主动均衡"],
      ["动力电池BMS主控板", "带主动均衡的BMS从控模块", "储能BMS电池簇控制单元"],
      ["基于扩展卡尔曼滤波的BMS荷电状态估计方法", "BMS中电芯健康状态在线评估方法"],
      "控制方法", ["扩展卡尔曼滤波", "电化学阻抗谱在线辨识", "主动均衡", "云端大数据标定"],
      ["电动商用车", "储能电站", "两轮电动车换电柜"],
      ["SOC估计误差大，低温和老化后跳变", "被动均衡电流小，电芯一致性持续恶化"],
      [("SOC估计误差", "%", (5, 8), (1.5, 2.0), "-"), ("均衡电流", "A", (0.1, 0.2), (1, 2), "+")],
      ["B60L 58/12", "G01R 31/367", "H02J 7/00"]),
    T("sic", "new_energy_vehicles", "SiC电机控制器", ["SiC", "800V", "功率模块"],
      ["SiC电机控制器功率模块", "800V平台SiC电机控制器", "SiC电机控制器低感叠层母排"],
      ["SiC电机控制器的有源栅极驱动方法", "SiC功率模块双面银烧结封装方法"],
      "封装方法", ["双面银烧结", "低感叠层母排设计", "有源栅极驱动", "双面水冷"],
      ["800V高压平台乘用车", "重型电动卡车"],
      ["开关振荡和电压尖峰大", "功率模块热阻高、功率密度受限"],
      [("控制器峰值效率", "%", (96.0, 97.0), (98.5, 99.2), "+"), ("功率密度", "kW/L", (25, 30), (45, 60), "+")],
      ["H02M 7/5387", "H01L 25/07", "B60L 15/20"]),
    T("lidar", "new_energy_vehicles", "LiDAR", ["点云", "自动驾驶", "外参标定"],
      ["车载固态LiDAR", "LiDAR点云处理单元", "LiDAR与相机一体化感知模组"],
      ["基于LiDAR点云的可行驶区域语义分割方法", "车载LiDAR与相机外参在线标定方法"],
      "标定方法", ["点云语义分割", "多传感器外参在线标定", "雨雾噪点滤除", "目标跟踪"],
      ["L3级自动驾驶", "港口无人集卡", "矿区无人运输"],
      ["雨雾天点云噪点多、远距离小目标漏检", "外参随振动漂移，需频繁人工标定"],
      [("10%反射率探测距离", "m", (100, 150), (200, 250), "+"), ("点云分割mIoU", "%", (60, 68), (78, 85), "+")],
      ["G01S 17/931", "G01S 7/48", "G06V 20/58"], f2="optoelectronics"),
    T("v2x", "new_energy_vehicles", "C-V2X", ["车路协同", "RSU", "边缘计算"],
      ["C-V2X车载单元", "C-V2X路侧单元", "车路协同C-V2X边缘计算网关"],
      ["C-V2X消息的低时延调度方法", "基于C-V2X的交叉口盲区碰撞预警方法"],
      "调度方法", ["低时延消息调度", "边缘计算卸载", "多源目标融合", "信号灯相位推送"],
      ["城市交叉口盲区预警", "智慧高速", "园区自动驾驶接驳"],
      ["高密度场景下消息拥塞、端到端时延大", "路侧感知与车端信息融合不一致"],
      [("端到端时延", "ms", (50, 100), (10, 20), "-"), ("消息送达率", "%", (90, 95), (99.0, 99.9), "+")],
      ["H04W 4/40", "G08G 1/16", "H04W 4/46"]),
    T("thermal", "new_energy_vehicles", "热泵空调", ["CO2冷媒", "整车热管理", "低温续航"],
      ["CO2热泵空调系统", "集成式热泵空调阀岛", "热泵空调用电子膨胀阀"],
      ["热泵空调低温制热的补气增焓控制方法", "热泵空调与电池热管理的协同控制方法"],
      "控制方法", ["补气增焓", "冷媒直冷直热", "拓扑优化流道", "余热回收"],
      ["北方寒区电动车", "电动客车"],
      ["低温制热能力衰减、冬季续航缩水明显", "系统管路复杂，集成度低"],
      [("-20℃制热COP", "", (1.2, 1.5), (2.0, 2.5), "+"), ("冬季续航衰减", "%", (30, 40), (15, 20), "-")],
      ["B60H 1/00", "B60H 1/32", "F25B 30/02"]),
    T("fuelcell", "new_energy_vehicles", "燃料电池膜电极", ["质子交换膜", "铂载量"],
      ["燃料电池膜电极"], [], "制备方法", ["催化层涂布", "热压"],
      ["氢燃料重卡"], ["铂载量高、膜电极成本居高不下"],
      [("铂载量", "g/kW", (0.3, 0.4), (0.1, 0.15), "-")], [], need_only=True),
]

TOPICS += [
    T("cart", "life_health", "CAR-T", ["细胞治疗", "慢病毒", "肿瘤免疫"],
      ["靶向CD19的CAR-T细胞", "通用型CAR-T细胞制剂", "CAR-T细胞无血清培养基"],
      ["CAR-T细胞的自动化封闭式制备方法", "提高CAR-T细胞体内持久性的基因编辑方法"],
      "制备方法", ["慢病毒转导", "无血清扩增培养", "CRISPR基因编辑", "封闭式自动化生产"],
      ["复发难治性B细胞淋巴瘤", "实体瘤免疫治疗", "自身免疫病"],
      ["转导效率低、制备周期长、成本高", "细胞体内持久性差，易复发"],
      [("转导效率", "%", (20, 30), (50, 60), "+"), ("制备周期", "天", (12, 14), (7, 8), "-")],
      ["C12N 5/0783", "A61K 35/17", "C07K 14/725"]),
    T("lnp", "life_health", "LNP递送", ["mRNA", "可电离脂质", "微流控混合"],
      ["用于mRNA的可电离脂质", "mRNA-LNP递送制剂", "LNP递送系统冻干制剂"],
      ["基于微流控混合的LNP递送系统制备方法", "LNP递送制剂的冻干保护方法"],
      "制备方法", ["微流控混合", "切向流过滤", "冻干保护", "可电离脂质筛选"],
      ["mRNA疫苗", "蛋白替代疗法", "基因编辑递送"],
      ["包封率低、粒径分布宽", "需要超低温冷链，2-8℃下稳定期短"],
      [("包封率", "%", (80, 85), (95, 98), "+"), ("2-8℃稳定期", "个月", (1, 3), (6, 12), "+")],
      ["A61K 9/51", "A61K 48/00", "C12N 15/88"]),
    T("poct", "life_health", "POCT", ["微流控芯片", "化学发光", "免疫层析"],
      ["POCT微流控检测芯片", "POCT化学发光免疫分析仪", "POCT预封装试剂卡盒"],
      ["POCT微流控芯片的冻干试剂预封装方法", "基于化学发光的POCT心肌标志物定量检测方法"],
      "制备方法", ["注塑键合", "冻干试剂预封装", "磁微粒化学发光", "离心微流控"],
      ["心肌标志物快速检测", "基层医疗机构", "急诊胸痛中心"],
      ["检测时间长、灵敏度不足", "试剂稳定性差，批间差大"],
      [("检测时间", "min", (30, 40), (10, 15), "-"), ("检测限", "pg/mL", (10, 20), (1, 2), "-")],
      ["B01L 3/00", "G01N 33/543", "G01N 21/76"]),
    T("photoacoustic", "life_health", "光声成像", ["超声", "多模态成像", "多波长激发"],
      ["手持式光声成像探头", "光声-超声双模态成像系统", "光声成像用环形换能器阵列"],
      ["基于深度学习的光声成像图像重建方法", "多波长光声成像的血氧饱和度测量方法"],
      "成像方法", ["多波长激发", "图像重建", "声学透镜聚焦", "运动伪影校正"],
      ["乳腺肿瘤筛查", "皮肤血管成像", "甲状腺结节评估"],
      ["成像深度浅、分辨率和速度难以兼顾", "设备体积大、价格高，难以进入临床"],
      [("成像深度", "mm", (10, 15), (30, 40), "+"), ("空间分辨率", "μm", (150, 200), (50, 80), "-")],
      ["A61B 5/00", "A61B 8/13", "G01N 21/17"], f2="optoelectronics"),
    T("aiye", "life_health", "艾叶挥发油", ["蕲艾", "超临界萃取", "道地药材"],
      ["蕲艾艾叶挥发油", "艾叶挥发油抑菌洗护组合物", "艾叶挥发油微胶囊"],
      ["超临界CO2萃取艾叶挥发油的方法", "艾叶挥发油中桉油精的分子蒸馏纯化方法"],
      "制备方法", ["超临界CO2萃取", "分子蒸馏", "β-环糊精包合", "指纹图谱质控"],
      ["抗菌洗护用品", "艾灸制品", "中药饮片"],
      ["传统水蒸气蒸馏得率低、热敏成分损失", "成分批次波动大，缺少质量标准"],
      [("挥发油得率", "%", (0.5, 0.8), (1.5, 2.0), "+"), ("桉油精含量", "%", (15, 20), (30, 35), "+")],
      ["A61K 36/282", "B01D 11/02", "A61P 31/04"]),
    T("mgalloy", "life_health", "可降解镁合金", ["生物可降解", "骨科植入物", "微弧氧化"],
      ["可降解镁合金骨钉", "可降解镁合金心血管支架", "可降解镁合金骨板"],
      ["可降解镁合金表面微弧氧化复合涂层制备方法", "高强韧可降解镁合金的挤压成形方法"],
      "制备方法", ["微弧氧化涂层", "等通道挤压", "稀土微合金化", "可控降解处理"],
      ["骨折内固定", "冠脉介入", "运动医学"],
      ["体内降解过快、力学支撑时间不足", "降解产氢导致局部积气"],
      [("体内完全降解周期", "个月", (2, 3), (6, 12), "+"), ("抗拉强度", "MPa", (200, 240), (300, 350), "+")],
      ["A61L 31/02", "A61L 27/04", "C22C 23/02"]),
    T("nanopore", "life_health", "纳米孔测序", ["基因测序", "长读长", "碱基识别"],
      ["纳米孔测序芯片", "纳米孔测序用突变蛋白孔", "便携式纳米孔测序仪"],
      ["纳米孔测序电流信号的碱基识别方法", "纳米孔测序芯片的磷脂膜自动成膜方法"],
      "制备方法", ["蛋白纳米孔嵌膜", "电流信号降噪", "碱基识别神经网络", "专用集成电路读出"],
      ["病原微生物快速鉴定", "肿瘤基因检测", "农业育种"],
      ["单读长准确率不够、通量偏低", "核心芯片和孔蛋白依赖进口"],
      [("单读长准确率", "%", (90, 93), (98.0, 99.5), "+"), ("单芯片通量", "Gb", (5, 10), (30, 50), "+")],
      ["C12Q 1/6869", "G01N 33/487", "G16B 30/00"]),
    T("granules", "life_health", "中药配方颗粒", ["标准汤剂", "特征图谱"],
      ["中药配方颗粒"], [], "制备方法", ["喷雾干燥", "干法制粒"],
      ["中药饮片厂"], ["与标准汤剂一致性差，吸潮结块"],
      [("出膏率偏差", "%", (10, 15), (3, 5), "-")], [], need_only=True),
]

TOPICS += [
    T("laserweld", "high_end_equipment", "激光焊接", ["激光-电弧复合", "熔深监测", "摆动焊"],
      ["激光-电弧复合焊接头", "动力电池壳体激光焊接工作站", "激光焊接熔池同轴监测装置"],
      ["基于摆动光束的铝合金激光焊接方法", "激光焊接熔深的光谱在线监测方法"],
      "焊接方法", ["摆动光束焊接", "熔池同轴视觉监测", "激光-电弧复合焊接", "焊缝自动跟踪"],
      ["动力电池壳体", "船舶厚板", "钢结构箱型梁"],
      ["铝合金焊缝气孔和裂纹多", "熔深波动大，无法在线判定虚焊"],
      [("焊缝气孔率", "%", (3, 5), (0.5, 1.0), "-"), ("焊接速度", "m/min", (1, 2), (4, 6), "+")],
      ["B23K 26/21", "B23K 26/03", "B23K 28/02"]),
    T("additive", "high_end_equipment", "增材制造", ["激光选区熔化", "钛合金", "3D打印"],
      ["多激光增材制造装备", "增材制造钛合金点阵结构件", "增材制造用铺粉装置"],
      ["多激光增材制造的拼接区扫描路径规划方法", "增材制造构件残余应力调控方法"],
      "成形方法", ["多激光拼接扫描", "热等静压后处理", "原位预热", "工艺参数优化"],
      ["航空发动机构件", "随形冷却模具", "骨科个性化植入物"],
      ["成形件致密度不足、残余应力导致开裂", "成形效率低，大尺寸构件成本高"],
      [("成形致密度", "%", (98.0, 99.0), (99.7, 99.9), "+"), ("成形效率", "cm³/h", (20, 40), (100, 150), "+")],
      ["B22F 10/28", "B33Y 30/00", "B22F 12/45"]),
    T("fiveaxis", "high_end_equipment", "五轴数控机床", ["热误差补偿", "电主轴", "五轴联动"],
      ["五轴数控机床摆头结构", "五轴数控机床高速电主轴", "五轴数控机床转台"],
      ["五轴数控机床热误差建模与补偿方法", "五轴数控机床几何误差快速辨识方法"],
      "补偿方法", ["热误差建模补偿", "空间几何误差辨识", "RTCP精度标定", "主轴冷却优化"],
      ["航空结构件加工", "精密模具加工", "叶轮叶片加工"],
      ["连续加工数小时后热变形导致尺寸超差", "几何误差辨识耗时长，依赖进口检测仪器"],
      [("定位精度", "μm", (8, 10), (3, 4), "-"), ("主轴热伸长", "μm", (30, 50), (8, 10), "-")],
      ["B23Q 15/18", "G05B 19/404", "B23Q 11/14"]),
    T("cobot", "high_end_equipment", "协作机器人", ["力控", "打磨", "人机协作"],
      ["七自由度协作机器人", "协作机器人力控打磨末端执行器", "协作机器人一体化关节模组"],
      ["协作机器人的阻抗控制打磨方法", "基于电流残差的协作机器人碰撞检测方法"],
      "控制方法", ["阻抗控制", "电流残差碰撞检测", "拖动示教", "关节力矩估计"],
      ["铸件打磨", "3C装配", "医疗康复"],
      ["打磨力不稳定，工件一致性差", "碰撞检测灵敏度低，人机混线存在安全隐患"],
      [("重复定位精度", "mm", (0.05, 0.1), (0.02, 0.03), "-"), ("碰撞检测响应时间", "ms", (20, 40), (5, 10), "-")],
      ["B25J 9/16", "B25J 13/08", "B25J 11/00"]),
    T("tbm", "high_end_equipment", "盾构机刀盘", ["隧道掘进", "滚刀磨损", "TBM"],
      ["盾构机刀盘耐磨结构", "盾构机刀盘滚刀磨损监测装置", "盾构机刀盘常压换刀装置"],
      ["盾构机刀盘滚刀磨损的声发射监测方法", "复合地层盾构机刀盘耐磨层堆焊方法"],
      "制造方法", ["耐磨层堆焊", "声发射监测", "常压换刀", "掘进参数智能调控"],
      ["复合地层隧道掘进", "城市地铁施工", "水利引水隧洞"],
      ["复合地层中滚刀偏磨严重、换刀频繁", "刀具磨损无法实时感知，停机检查成本高"],
      [("滚刀单次掘进寿命", "m", (300, 500), (800, 1000), "+"), ("磨损监测误差", "mm", (3, 5), (0.5, 1.0), "-")],
      ["E21D 9/08", "E21D 9/10", "G01M 13/00"]),
    T("mould", "high_end_equipment", "精密注塑模具", ["热流道", "随形冷却", "模流分析"],
      ["热流道精密注塑模具", "随形冷却水路精密注塑模具", "光学透镜精密注塑模具"],
      ["精密注塑模具随形冷却水路的设计方法", "精密注塑模具的翘曲变形补偿方法"],
      "设计方法", ["模流分析", "随形冷却水路设计", "型腔翘曲反变形补偿", "模温分区控制"],
      ["汽车内饰件", "光学透镜", "医疗耗材"],
      ["成型周期长、冷却不均导致翘曲", "模具寿命短，修模频繁"],
      [("成型周期", "s", (40, 60), (25, 30), "-"), ("翘曲变形量", "mm", (0.3, 0.5), (0.05, 0.1), "-")],
      ["B29C 45/73", "B29C 45/27", "B29C 33/38"]),
    T("bearing", "high_end_equipment", "精密轴承", ["陶瓷球", "角接触球轴承", "预紧力"],
      ["陶瓷球混合精密轴承", "高速角接触精密轴承", "精密轴承保持架"],
      ["精密轴承预紧力在线调节方法", "精密轴承滚道超精研加工方法"],
      "加工方法", ["滚道超精研", "预紧力优化", "氮化硅陶瓷球制备", "油气润滑"],
      ["机床电主轴", "风电主轴", "工业机器人减速器"],
      ["高速运转温升高、寿命短", "振动噪声大，精度保持性差"],
      [("运行温升", "℃", (25, 35), (10, 15), "-"), ("疲劳寿命L10", "h", (5000, 8000), (15000, 20000), "+")],
      ["F16C 33/32", "F16C 19/16", "F16C 41/00"]),
    T("servovalve", "high_end_equipment", "电液伺服阀", ["射流管", "液压伺服"],
      ["电液伺服阀"], [], "制造方法", ["阀芯精密研磨", "力矩马达装配"],
      ["冶金轧机"], ["零漂大、抗污染能力差"],
      [("零偏漂移", "%", (3, 5), (1, 1.5), "-")], [], need_only=True),
]

TOPICS += [
    T("rtk", "beidou", "RTK", ["北斗三号", "厘米级定位", "多频多系统"],
      ["北斗三号多频RTK接收机", "RTK基准站一体机", "农机自动驾驶RTK定位终端"],
      ["北斗RTK整周模糊度快速固定方法", "网络RTK虚拟参考站改正数生成方法"],
      "定位方法", ["整周模糊度快速固定", "多频多系统融合解算", "网络RTK差分", "周跳探测修复"],
      ["精准农业", "无人机测绘", "工程机械引导"],
      ["遮挡环境下固定率低、初始化慢", "进口板卡成本高"],
      [("平面定位精度", "cm", (5, 10), (1, 2), "-"), ("初始化时间", "s", (30, 60), (5, 10), "-")],
      ["G01S 19/43", "G01S 19/44", "G01S 19/07"]),
    T("ppp", "beidou", "PPP-B2b", ["精密单点定位", "星基增强", "实时钟差"],
      ["PPP-B2b精密单点定位接收机", "PPP-B2b改正数解码模块", "船载PPP-B2b定位终端"],
      ["基于PPP-B2b改正数的快速收敛定位方法", "PPP-B2b与地基增强融合的定位方法"],
      "定位方法", ["星基改正数解码", "实时钟差估计", "大气延迟建模", "模糊度固定"],
      ["海洋测绘", "无公网地区作业", "电力线路巡检"],
      ["收敛时间长，作业等待久", "无地面网络覆盖时无法获得高精度位置"],
      [("收敛时间", "min", (20, 30), (5, 10), "-"), ("水平定位精度", "cm", (20, 30), (5, 10), "-")],
      ["G01S 19/41", "G01S 19/08", "G01S 19/40"]),
    T("ins", "beidou", "组合导航", ["北斗/INS", "MEMS惯导", "紧耦合"],
      ["北斗/MEMS惯导组合导航模块", "车载组合导航终端", "低成本组合导航板卡"],
      ["北斗与MEMS惯导紧耦合组合导航方法", "卫星信号遮挡时组合导航的误差抑制方法"],
      "导航方法", ["紧耦合卡尔曼滤波", "零速修正", "车辆运动约束", "惯性器件误差标定"],
      ["隧道及城市峡谷车辆导航", "矿山车辆调度", "无人机巡检"],
      ["卫星信号失锁后位置快速漂移", "MEMS惯导零偏大、温漂明显"],
      [("失锁60s位置漂移", "m", (10, 20), (1, 2), "-"), ("航向精度", "°", (0.5, 1.0), (0.1, 0.2), "-")],
      ["G01C 21/16", "G01S 19/49", "G01C 21/28"]),
    T("shortmsg", "beidou", "北斗短报文", ["应急通信", "RDSS", "低功耗终端"],
      ["北斗短报文应急通信终端", "北斗短报文数据采集网关", "北斗短报文手持终端"],
      ["北斗短报文的压缩编码传输方法", "基于北斗短报文的灾害预警信息发布方法"],
      "传输方法", ["报文压缩编码", "低功耗定时唤醒", "多卡轮发调度", "指挥平台接入"],
      ["山洪地质灾害预警", "森林防火", "远洋渔船"],
      ["终端功耗高，野外供电困难", "报文容量小、发送成功率不稳定"],
      [("终端待机功耗", "mW", (300, 500), (50, 80), "-"), ("报文发送成功率", "%", (90, 95), (99.0, 99.5), "+")],
      ["H04B 7/185", "G08B 21/10", "H04W 4/90"]),
    T("deform", "beidou", "形变监测", ["边坡", "尾矿库", "地质灾害"],
      ["北斗形变监测站", "尾矿库北斗形变监测系统", "低功耗北斗形变监测终端"],
      ["北斗高精度形变监测的多基线解算方法", "形变监测序列的异常识别与预警方法"],
      "监测方法", ["多基线静态解算", "形变异常识别", "多源数据融合", "太阳能低功耗供电"],
      ["滑坡监测", "大坝安全监测", "尾矿库在线监测"],
      ["监测精度只有厘米级、难以提前预警", "设备成本高，布设密度不够"],
      [("位移监测精度", "mm", (5, 10), (1, 2), "-"), ("预警响应时间", "min", (30, 60), (5, 10), "-")],
      ["G01B 21/32", "G01S 19/14", "G08B 21/10"]),
    T("antijam", "beidou", "抗干扰天线", ["阵列天线", "自适应调零", "抗欺骗"],
      ["北斗抗干扰天线阵列", "小型化四阵元抗干扰天线", "抗干扰天线自适应调零模块"],
      ["抗干扰天线的空时自适应处理方法", "抗干扰天线阵元通道一致性校准方法"],
      "处理方法", ["空时自适应处理", "阵元通道校准", "欺骗信号检测", "小型化馈电网络"],
      ["无人机导航", "电力授时站", "关键基础设施"],
      ["压制式干扰下卫星信号失锁", "天线体积大，难以装在小型平台上"],
      [("干扰抑制比", "dB", (30, 40), (60, 70), "+"), ("相位中心稳定性", "mm", (3, 5), (1.0, 1.5), "-")],
      ["H01Q 21/00", "G01S 19/21", "H01Q 3/26"]),
    T("timing", "beidou", "北斗授时", ["时间同步", "驯服晶振", "共视比对"],
      ["北斗授时模块", "电力系统北斗授时装置", "北斗授时服务器"],
      ["北斗授时的驯服晶振守时方法", "基于共视比对的北斗授时误差修正方法"],
      "同步方法", ["驯服晶振", "共视时间比对", "多源时间融合", "时延自动补偿"],
      ["电网差动保护", "5G基站同步", "金融交易时间戳"],
      ["授时精度不足、卫星失锁后守时能力弱", "多源时间源切换时出现跳变"],
      [("授时精度", "ns", (50, 100), (10, 20), "-"), ("失锁24h守时误差", "μs", (5, 10), (0.5, 1.0), "-")],
      ["G04R 20/02", "G01S 19/23", "H04J 3/06"]),
    T("berthing", "beidou", "船舶辅助靠泊", ["船舶姿态", "港口"],
      ["船舶辅助靠泊系统"], [], "定位方法", ["双天线定向"],
      ["内河港口"], ["靠泊速度和距离全凭经验"],
      [("靠泊距离测量误差", "cm", (30, 50), (5, 10), "-")], [], need_only=True),
]

TOPICS += [
    T("defect", "ai", "视觉缺陷检测", ["深度学习", "小样本学习", "机器视觉"],
      ["视觉缺陷检测系统", "锂电极片在线视觉缺陷检测装置", "钢板表面视觉缺陷检测设备"],
      ["基于小样本学习的工业视觉缺陷检测方法", "无监督异常检测的视觉缺陷检测方法"],
      "检测方法", ["小样本迁移学习", "无监督异常检测", "多光源成像", "缺陷样本生成"],
      ["锂电池极片", "钢板表面", "光伏组件"],
      ["缺陷样本少，模型漏检严重", "误报率高，仍需大量人工复检"],
      [("缺陷检出率", "%", (85, 90), (99.0, 99.5), "+"), ("误报率", "%", (5, 8), (0.5, 1.0), "-")],
      ["G06T 7/00", "G06N 3/08", "G06V 10/82"]),
    T("slam", "ai", "SLAM", ["视觉-惯性里程计", "AGV", "回环检测"],
      ["视觉-惯性SLAM定位模块", "基于SLAM的巡检机器人", "激光-视觉融合SLAM导航控制器"],
      ["动态场景下的视觉SLAM方法", "基于语义回环检测的SLAM建图方法"],
      "定位方法", ["回环检测", "动态物体剔除", "视觉-惯性紧耦合", "语义地图构建"],
      ["仓储AGV", "变电站巡检机器人", "商场服务机器人"],
      ["场景变化后重定位失败", "长时间运行累计误差大，地图漂移"],
      [("定位误差", "cm", (10, 20), (2, 5), "-"), ("建图帧率", "Hz", (10, 15), (30, 30), "+")],
      ["G01C 21/20", "G06T 7/73", "G05D 1/02"]),
    T("llm", "ai", "行业大模型", ["LLM", "RAG", "知识图谱"],
      ["行业大模型问答系统", "设备运维行业大模型", "行业大模型私有化部署一体机"],
      ["基于检索增强生成的行业大模型问答方法", "行业大模型的参数高效微调方法"],
      "训练方法", ["检索增强生成(RAG)", "LoRA参数高效微调", "知识图谱融合", "幻觉检测"],
      ["设备运维知识问答", "政务咨询", "工艺文档检索"],
      ["通用模型不懂行业术语，回答常出错", "私有化部署算力成本高、响应慢"],
      [("问答准确率", "%", (70, 75), (90, 95), "+"), ("首字响应时延", "ms", (800, 1500), (200, 300), "-")],
      ["G06F 40/30", "G06N 3/0455", "G06F 16/332"]),
    T("medseg", "ai", "医学影像分割", ["CT", "注意力机制", "辅助诊断"],
      ["医学影像分割模型", "肺结节医学影像分割辅助诊断系统", "病理切片医学影像分割平台"],
      ["基于半监督学习的医学影像分割方法", "多尺度注意力医学影像分割方法"],
      "训练方法", ["半监督学习", "多尺度注意力", "联邦学习", "标注主动学习"],
      ["肺结节筛查", "肝脏肿瘤评估", "放疗靶区勾画"],
      ["标注数据少、不同医院设备差异大", "分割边界不准，医生需大量修改"],
      [("Dice系数", "%", (80, 85), (90, 93), "+"), ("单例处理时间", "s", (30, 60), (3, 5), "-")],
      ["G06T 7/11", "G16H 30/40", "G06N 3/045"], f2="life_health"),
    T("compress", "ai", "模型压缩", ["INT8量化", "知识蒸馏", "边缘计算"],
      ["模型压缩边缘推理引擎", "支持模型压缩的端侧AI加速模组", "模型压缩工具链"],
      ["基于知识蒸馏的神经网络模型压缩方法", "量化感知训练的模型压缩方法"],
      "部署方法", ["INT8量化", "知识蒸馏", "结构化剪枝", "算子融合"],
      ["智能摄像头", "车载终端", "工业网关"],
      ["模型太大，端侧设备跑不动", "压缩后精度损失明显"],
      [("模型体积", "MB", (200, 300), (20, 40), "-"), ("推理功耗", "W", (10, 15), (2, 3), "-")],
      ["G06N 3/063", "G06N 3/082", "G06N 3/0495"]),
    T("pdm", "ai", "预测性维护", ["振动分析", "剩余寿命预测", "工业互联网"],
      ["旋转机械预测性维护平台", "预测性维护无线振动采集终端", "预测性维护边缘诊断盒"],
      ["基于时频特征的预测性维护故障诊断方法", "设备剩余寿命预测的预测性维护方法"],
      "诊断方法", ["时频特征提取", "剩余寿命预测", "迁移学习诊断", "边缘端实时推理"],
      ["风机齿轮箱", "数控机床主轴", "水泵电机"],
      ["故障发现滞后，非计划停机损失大", "工况多变，诊断模型泛化差"],
      [("故障识别准确率", "%", (80, 85), (95, 98), "+"), ("故障预警提前量", "h", (2, 6), (48, 72), "+")],
      ["G05B 23/02", "G01M 13/045", "G06N 20/00"], f2="high_end_equipment"),
    T("asr", "ai", "语音识别", ["方言", "麦克风阵列", "端到端"],
      ["方言语音识别引擎", "远场语音识别麦克风阵列模组", "车载语音识别交互系统"],
      ["端到端方言语音识别方法", "强噪声环境下的语音识别增强方法"],
      "识别方法", ["端到端建模", "麦克风阵列波束形成", "噪声鲁棒训练", "热词增强"],
      ["车载语音交互", "政务热线", "工厂语音质检"],
      ["方言口音识别率低", "强噪声下唤醒和识别失败"],
      [("字错误率", "%", (10, 15), (3, 5), "-"), ("唤醒响应时间", "ms", (500, 800), (150, 200), "-")],
      ["G10L 15/16", "G10L 21/0216", "G10L 15/06"]),
    T("scheduling", "ai", "智能排产", ["APS", "运筹优化"],
      ["智能排产系统"], [], "优化方法", ["混合整数规划"],
      ["离散制造车间"], ["插单频繁，手工排产跟不上"],
      [("订单准时交付率", "%", (80, 85), (95, 98), "+")], [], need_only=True),
]
TOPIC_BY_KEY = {t["key"]: t for t in TOPICS}

# --- who works on what ------------------------------------------------------------
# Research owners by name -> field weights (a field listed n times is n times as likely),
# and preferred topics (picked half the time when their field comes up).

RESEARCH_AFFINITY = {
    "华中科技大学": ("optoelectronics high_end_equipment ai life_health new_energy_vehicles beidou "
               "optoelectronics high_end_equipment", ["fiberlaser", "laserweld", "photoacoustic"]),
    "武汉大学": ("beidou beidou beidou ai ai optoelectronics life_health", ["ppp", "rtk", "llm"]),
    "武汉理工大学": ("new_energy_vehicles new_energy_vehicles optoelectronics optoelectronics "
                "high_end_equipment high_end_equipment ai", ["fibersensing", "thermal"]),
    "湖北大学": ("life_health life_health new_energy_vehicles optoelectronics ai", ["perovskite", "lnp"]),
    "华中师范大学": ("ai ai ai optoelectronics", ["llm", "asr"]),
    "中国地质大学（武汉）": ("beidou beidou beidou high_end_equipment ai", ["deform", "tbm"]),
    "武汉科技大学": ("high_end_equipment high_end_equipment high_end_equipment new_energy_vehicles life_health",
               ["bearing", "laserweld"]),
    "湖北工业大学": ("high_end_equipment high_end_equipment optoelectronics optoelectronics life_health "
               "new_energy_vehicles", ["microled", "cobot"]),
    "武汉光电国家研究中心": ("optoelectronics optoelectronics optoelectronics optoelectronics life_health ai",
                   ["siphotonics", "fiberlaser", "photoacoustic"]),
    "中国科学院精密测量科学与技术创新研究院": ("beidou beidou beidou optoelectronics optoelectronics life_health",
                              ["timing", "ins"]),
    "中国科学院武汉岩土力学研究所": ("high_end_equipment high_end_equipment beidou beidou", ["tbm", "deform"]),
    "湖北光谷实验室": ("optoelectronics optoelectronics optoelectronics life_health", ["5gmodule", "infrared"]),
    "湖北东湖实验室": ("high_end_equipment high_end_equipment new_energy_vehicles", ["bearing", "sic"]),
    "湖北珞珈实验室": ("beidou beidou beidou ai ai", ["antijam", "ppp"]),
    "湖北九峰山实验室": ("optoelectronics optoelectronics optoelectronics new_energy_vehicles", ["microled", "sic"]),
    "鄂州职业大学": ("high_end_equipment high_end_equipment ai new_energy_vehicles", ["mould", "cobot"]),
    "华中科技大学鄂州工业技术研究院": ("high_end_equipment high_end_equipment optoelectronics optoelectronics ai "
                         "life_health", ["additive", "defect"]),
    "鄂城区·武汉工程大学青天湖产业技术研究院": ("new_energy_vehicles new_energy_vehicles life_health life_health "
                                "high_end_equipment", ["highnickel", "mgalloy"]),
    "湖北理工学院": ("high_end_equipment high_end_equipment high_end_equipment new_energy_vehicles life_health",
               ["mould", "laserweld"]),
    "湖北师范大学": ("ai ai optoelectronics life_health", ["perovskite", "asr"]),
    "黄冈师范学院": ("life_health life_health ai optoelectronics", ["aiye"]),
    "黄冈职业技术学院": ("high_end_equipment high_end_equipment new_energy_vehicles beidou", ["cobot", "rtk"]),
    "湖北科技学院": ("life_health life_health life_health ai", ["poct", "medseg"]),
    "咸宁职业技术学院": ("high_end_equipment new_energy_vehicles beidou ai", ["shortmsg", "bms"]),
}

# First filing year that fits the technology (no RAG patents in 2013).
TOPIC_SINCE = {"llm": 2021, "v2x": 2017, "5gmodule": 2017, "ppp": 2020, "sic": 2015, "compress": 2016,
               "medseg": 2016, "lnp": 2018, "nanopore": 2015, "cart": 2016, "microled": 2014, "solidstate": 2014}

PATENTS_PER_CITY = {"WH": 100, "EZ": 24, "HS": 16, "HG": 16, "XN": 16}
ACHIEVEMENTS_PER_CITY = {"WH": 30, "EZ": 10, "HS": 9, "HG": 8, "XN": 8}


class Picker:
    """Chooses field and topic for an owner, spreading listings over all topics."""

    def __init__(self, rng, balance_fields=False):
        self.rng = rng
        self.used = Counter()
        self.fields = Counter()
        self.balance_fields = balance_fields

    def pick(self, owner_name):
        fields, preferred = RESEARCH_AFFINITY[owner_name]
        if self.balance_fields:  # the owner's least-served field, not its favourite
            least = min(self.fields[f] for f in fields.split())
            field = self.rng.choice(sorted({f for f in fields.split() if self.fields[f] == least}))
        else:
            field = self.rng.choice(fields.split())
        self.fields[field] += 1
        topics = [t for t in TOPICS if t["f"] == field and not t["needOnly"]]
        pref = [t for t in topics if t["key"] in preferred]
        if pref and self.rng.random() < 0.5:
            topics = pref
        least = min(self.used[t["key"]] for t in topics)
        choice = self.rng.choice([t for t in topics if self.used[t["key"]] == least])
        self.used[choice["key"]] += 1
        return choice


def ind_text(rng, ind, target=True):
    name, unit, cur, tgt, sign = ind
    v = pick_value(rng, *(tgt if target else cur))
    if sign == "+":
        verb = rng.choice(("达到", "提升至", "提高到"))
    else:
        verb = rng.choice(("降至", "降低到", "控制在"))
    return f"{name}{verb}{v}{unit}"


def owners_by_city(by_name):
    out = {c: [] for c in CITIES}
    for name in RESEARCH_AFFINITY:
        o = by_name.get(name)
        if o is None:
            raise SystemExit(f"RESEARCH_AFFINITY: no organisation named {name}")
        out[o["city"]].append(o)
    return out


def sample_modes(rng, modes, lo=1, hi=3):
    k = rng.randint(lo, min(hi, len(modes)))
    chosen = set(rng.sample(modes, k))
    return [m for m in modes if m in chosen]


def unique_title(rng, build, used, tries=50):
    for _ in range(tries):
        title = build(rng)
        if title not in used:
            break
    used.add(title)
    return title


def fit(rng, build, lo, hi, what, tries=200):
    """Call build(rng) until its text length is within [lo, hi]."""
    for _ in range(tries):
        s = build(rng)
        if lo <= clen(s) <= hi:
            return s
    raise SystemExit(f"could not build {what} within {lo}-{hi} characters")

# --- patents ----------------------------------------------------------------------


def patent_number(rng, kind, year, used):
    while True:
        top = 1999999 if kind == "1" else 3499999
        digits = f"{year}{kind}{rng.randint(1, top):07d}"
        number = f"{digits}.{patent_check_char(digits)}"
        if number not in used:
            used.add(number)
            return number


def patent_title(rng, t, kind):
    """(title, claim form): 'method', 'product' or 'both'."""
    obj, app = rng.choice(t["objs"]), rng.choice(t["apps"])
    if kind == "2":  # utility models protect products and structures, never methods
        return rng.choice([(f"一种{obj}", "product"), (f"一种用于{app}的{obj}", "product")])
    forms = [(f"一种{rng.choice(t['meths'])}", "method"), (f"一种{obj}及其{t['mk']}", "both"),
             (f"一种用于{app}的{obj}", "product"), (f"一种{rng.choice(t['meths'])}", "method")]
    if t["f"] == "ai":
        forms.append((f"一种{rng.choice(t['meths'])}、装置、电子设备及存储介质", "method"))
    return rng.choice(forms)


def patent_abstract(rng, t, title, kind):
    p = rng.sample(t["procs"], 3)
    i1, i2 = t["inds"][0], t["inds"][1]
    lead = "本发明" if kind == "1" else "本实用新型"
    body = rng.choice((
        f"该方案依次采用{p[0]}和{p[1]}，并结合{p[2]}，解决了现有技术中{rng.choice(t['probs'])}的问题",
        f"通过{p[0]}与{p[1]}的协同设计，克服了现有方案{rng.choice(t['probs'])}的不足",
        f"针对{rng.choice(t['probs'])}的问题，引入{p[0]}，并以{p[1]}进行优化",
    ))
    results = [ind_text(rng, i1), ind_text(rng, i2)]
    if rng.random() < 0.4:
        results = results[:1]
    res = rng.choice(("实验表明，", "经测试，", "与现有技术相比，")) + "，".join(results)
    apps = [a for a in t["apps"] if a not in title]
    app = "、".join(rng.sample(apps, rng.randint(1, min(2, len(apps)))))
    return (f"{lead}公开了{title}，属于{t['term']}技术领域。{body}。{res}，"
            f"可应用于{app}等场景。")


def patent_claims(rng, t, title, form):
    p = rng.sample(t["procs"], 3)
    ind = ind_text(rng, rng.choice(t["inds"]))
    core = title[2:] if title.startswith("一种") else title
    if form == "method":
        return f"1. 一种{core}，其特征在于，包括以下步骤：S1，{p[0]}；S2，{p[1]}；S3，{p[2]}，使{ind}。"
    if form == "both":
        obj = core.split("及其")[0]
        return (f"1. 一种{obj}，其特征在于：经{p[0]}和{p[1]}获得，{ind}。"
                f"2. 如权利要求1所述{obj}的{t['mk']}，包括{p[2]}步骤。")
    return f"1. {title}，其特征在于：基于{p[0]}构建，并集成{p[1]}模块；所述{ind}。"


def patent_keywords(rng, t, title):
    """Core term first, then 2-5 more; no keyword contained in another."""
    want = rng.randint(3, 6)
    pool = rng.sample(t["kws"], len(t["kws"])) + [p.split("(")[0] for p in rng.sample(t["procs"], 2)]
    out = [t["term"]]
    for k in pool:
        if len(out) < want and not any(k in o or o in k for o in out):
            out.append(k)
    return out


def patent_status(rng, kind, year):
    if kind == "2":
        if year <= 2015:
            return "lapsed" if rng.random() < 0.5 else "granted"
        if year == 2025:
            return "pending" if rng.random() < 0.5 else "granted"
        return "granted"
    if year >= 2023:
        return "pending" if rng.random() < 0.5 else "granted"
    if year >= 2020:
        return "pending" if rng.random() < 0.1 else "granted"
    return "lapsed" if rng.random() < 0.12 else "granted"


def make_patents(rng, by_name):
    cities = owners_by_city(by_name)
    picker, used_numbers, used_titles, patents = Picker(rng), set(), set(), []
    for city in CITIES:
        owners = cities[city]
        for i in range(PATENTS_PER_CITY[city]):
            owner = owners[i % len(owners)]
            t = picker.pick(owner["name"])
            # software is not protected by utility models (实用新型): AI topics file inventions only
            kind = "1" if t["f"] == "ai" or rng.random() < 0.85 else "2"
            since = max(TOPIC_SINCE.get(t["key"], 2012), 2012 if kind == "1" else 2014)
            year = rng.choice(range(since, 2026))
            if rng.random() < 0.4:
                year = rng.randint(max(since, 2019), 2025)  # more recent filings
            for _ in range(50):
                title, form = patent_title(rng, t, kind)
                if title not in used_titles:
                    break
            used_titles.add(title)
            legal = patent_status(rng, kind, year)
            fields = [t["f"]] + ([t["f2"]] if t["f2"] and rng.random() < 0.6 else [])
            trl = rng.randint(2, 5) if legal == "pending" else rng.randint(3, 8)
            hi_yuan = 5_000_000 if kind == "1" else 600_000
            price = money(rng, 50_000, hi_yuan, 0.2)
            status = "draft" if legal == "lapsed" or rng.random() < 0.04 else "listed"
            patents.append(OrderedDict([
                ("owner", owner["creditCode"]),
                ("number", patent_number(rng, kind, year, used_numbers)),
                ("title", title),
                ("abstract", fit(rng, lambda r: patent_abstract(r, t, title, kind), 80, 250, "abstract")),
                ("claimsSummary", fit(rng, lambda r: patent_claims(r, t, title, form), 40, 150, "claims")),
                ("ipcCodes", t["ipcs"][:rng.randint(1, len(t["ipcs"]))]),
                ("applicants", [owner["name"]]),
                ("inventors", people(rng, rng.randint(1, 5))),
                ("legalStatus", legal),
                ("fields", fields),
                ("keywords", patent_keywords(rng, t, title)),
                ("trl", trl),
                ("transferModes", sample_modes(rng, TRANSFER_MODES)),
                ("askingPrice", price),
                ("status", status),
            ]))
            patents[-1]["_topic"] = t["key"]  # removed before writing
    return patents

# --- achievements -------------------------------------------------------------------


def achievement_title(rng, t):
    obj, app = rng.choice(t["objs"]), rng.choice(t["apps"])
    meth = rng.choice(t["meths"])
    return rng.choice((
        f"{t['term']}关键技术及应用", f"{obj}研制及产业化", f"面向{app}的{obj}",
        f"{meth.replace('方法', '技术')}及其应用", f"高性能{obj}关键技术", f"{app}用{obj}工程化技术",
    ))


def achievement_summary(rng, t, trl, linked):
    p = rng.sample(t["procs"], 3)
    prob = rng.choice(t["probs"])
    results = "，".join(ind_text(rng, i) for i in rng.sample(t["inds"], rng.randint(1, len(t["inds"]))))
    if trl <= 4:
        stage = rng.choice(("目前已完成实验室原理验证", "已完成关键单元的实验室验证，正在开展样机设计"))
    elif trl <= 6:
        stage = rng.choice(("已完成工程样机并通过第三方检测", "已完成中试验证，具备小批量试制条件"))
    else:
        stage = rng.choice((f"已在{rng.randint(2, 6)}家企业推广应用", "已实现小批量生产并通过用户验收",
                            f"已在{rng.choice(t['apps'])}场景稳定运行超过{rng.randint(6, 24)}个月"))
    ip = ""
    if linked:
        inv = sum(p["number"][4] == "1" for p in linked)
        kinds = "、".join(x for x in (f"发明专利{inv}项" if inv else "",
                                       f"实用新型专利{len(linked) - inv}项" if len(linked) > inv else "") if x)
        done = all(p["legalStatus"] == "granted" for p in linked)
        ip = f"相关成果已{'获授权' if done else '申请'}{kinds}。"
    want = "、".join(rng.sample(t["apps"], min(2, len(t["apps"]))))
    return (f"针对{prob}的行业难题，团队围绕{t['term']}开展研究，突破了{p[0]}、{p[1]}和{p[2]}等关键技术。"
            f"{results}。{stage}。{ip}可面向{want}等领域开展成果转化，寻求产业化合作伙伴。")


def make_team(rng, owner, lead_name=None):
    lead_title = "研究员" if owner["kind"] in ("institute", "lab") else rng.choice(("教授", "教授", "副教授"))
    used = {lead_name} if lead_name else set()
    team = [OrderedDict([("name", lead_name or person_name(rng, used)), ("title", lead_title), ("role", "负责人")])]
    for _ in range(rng.randint(0, 4)):
        team.append(OrderedDict([("name", person_name(rng, used)), ("title", rng.choice(MEMBER_TITLES)),
                                 ("role", "成员")]))
    return team


def make_achievements(rng, by_name, patents):
    cities = owners_by_city(by_name)
    picker, out, n, used_titles = Picker(rng, balance_fields=True), [], 0, set()
    for city in CITIES:
        owners = cities[city]
        for i in range(ACHIEVEMENTS_PER_CITY[city]):
            owner = owners[(i + 1) % len(owners)]
            mine = [p for p in patents if p["owner"] == owner["creditCode"]
                    and p["status"] == "listed" and p["legalStatus"] != "lapsed"]
            if mine and rng.random() < 0.6:
                t = TOPIC_BY_KEY[rng.choice(mine)["_topic"]]
                picker.fields[t["f"]] += 1
            else:
                t = picker.pick(owner["name"])
            linkable = [p for p in mine if p["_topic"] == t["key"]]
            linked = rng.sample(linkable, min(len(linkable), rng.randint(1, 3))) if linkable else []
            linked.sort(key=lambda p: p["number"])
            trl = rng.randint(3, 9)
            lead = linked[0]["inventors"][0] if linked else None
            n += 1
            out.append(OrderedDict([
                ("owner", owner["creditCode"]),
                ("ref", f"seed-ach-{n:03d}"),
                ("title", unique_title(rng, lambda r: achievement_title(r, t), used_titles)),
                ("summary", fit(rng, lambda r: achievement_summary(r, t, trl, linked),
                                100, 300, "summary")),
                ("trl", trl),
                ("fields", [t["f"]] + ([t["f2"]] if t["f2"] and rng.random() < 0.6 else [])),
                ("keywords", patent_keywords(rng, t, "")),
                ("cooperationModes", sample_modes(rng, COOP_MODES)),
                ("price", money(rng, 100_000, 5_000_000, 0.25)),
                ("patentNumbers", [p["number"] for p in linked]),
                ("teamMembers", make_team(rng, owner, lead)),
                ("status", "listed"),
                ("_topic", t["key"]),
            ]))
    return out


# --- needs ------------------------------------------------------------------------------
# Enterprise name -> (fields it works in, preferred topics).

ENTERPRISE_AFFINITY = {
    "武汉澜芯光电子科技有限公司": ("optoelectronics", ["siphotonics", "5gmodule"]),
    "武汉微曜激光技术有限公司": ("optoelectronics high_end_equipment", ["fiberlaser", "laserweld"]),
    "武汉曜途智能网联汽车科技有限公司": ("new_energy_vehicles ai", ["lidar", "v2x", "slam"]),
    "武汉康衡生物医药科技有限公司": ("life_health", ["cart", "lnp", "nanopore"]),
    "武汉恒钧精密装备制造有限公司": ("high_end_equipment", ["fiveaxis", "bearing"]),
    "武汉星衡北斗导航技术有限公司": ("beidou", ["ppp", "antijam", "timing"]),
    "武汉灵枢人工智能科技有限公司": ("ai", ["llm", "compress"]),
    "鄂州葛光光电子器件有限公司": ("optoelectronics", ["infrared", "5gmodule"]),
    "鄂州澄光光纤传感科技有限公司": ("optoelectronics", ["fibersensing"]),
    "鄂州临空智联汽车电子有限公司": ("new_energy_vehicles", ["v2x", "bms", "sic"]),
    "鄂州吴都生物医药科技有限公司": ("life_health", ["lnp", "poct"]),
    "鄂州华容智能装备有限公司": ("high_end_equipment ai", ["cobot", "additive", "defect"]),
    "鄂州临空北斗物流科技有限公司": ("beidou ai", ["ins", "rtk", "slam"]),
    "鄂州梁湖数智科技有限公司": ("ai", ["defect", "pdm"]),
    "黄石磁湖智显科技有限公司": ("optoelectronics", ["microled", "perovskite"]),
    "黄石铁山新能源汽车零部件有限公司": ("new_energy_vehicles high_end_equipment", ["thermal", "sic", "laserweld"]),
    "黄石东楚医疗器械有限公司": ("life_health", ["mgalloy", "photoacoustic"]),
    "黄石下陆精密模具装备有限公司": ("high_end_equipment", ["mould", "additive"]),
    "黄石阳新北斗时空信息技术有限公司": ("beidou", ["deform", "rtk"]),
    "黄石磁湖智算人工智能科技有限公司": ("ai", ["pdm", "defect", "compress"]),
    "黄冈楚光光电子科技有限公司": ("optoelectronics", ["infrared", "perovskite"]),
    "黄冈遗爱湖新能源汽车部件有限公司": ("new_energy_vehicles", ["highnickel", "bms", "thermal"]),
    "黄冈蕲艾生物科技有限公司": ("life_health", ["aiye"]),
    "黄冈团风钢构智能装备有限公司": ("high_end_equipment", ["laserweld", "cobot"]),
    "黄冈麻城北斗精准农业科技有限公司": ("beidou", ["rtk", "ins"]),
    "黄冈禹王数智科技有限公司": ("ai", ["asr", "llm"]),
    "咸宁淦河光电科技有限公司": ("optoelectronics", ["fibersensing", "fiberlaser"]),
    "咸宁赤壁新能源电池材料有限公司": ("new_energy_vehicles", ["solidstate", "highnickel"]),
    "咸宁香城生物医药有限公司": ("life_health", ["cart", "nanopore"]),
    "咸宁嘉鱼医疗器械科技有限公司": ("life_health ai", ["poct", "mgalloy", "medseg"]),
    "咸宁温泉智能装备有限公司": ("high_end_equipment", ["tbm", "bearing", "fiveaxis"]),
    "咸宁通山北斗应急监测科技有限公司": ("beidou", ["deform", "shortmsg"]),
    "咸宁崇阳数智人工智能科技有限公司": ("ai", ["medseg", "asr", "slam"]),
}

# The needs nobody seeded can answer (one per field), and who posts them.
NEED_ONLY_OWNERS = {
    "opticalcoating": "黄冈楚光光电子科技有限公司",
    "fuelcell": "黄石铁山新能源汽车零部件有限公司",
    "granules": "咸宁香城生物医药有限公司",
    "servovalve": "鄂州华容智能装备有限公司",
    "berthing": "武汉星衡北斗导航技术有限公司",
    "scheduling": "黄冈禹王数智科技有限公司",
}
NEEDS_PER_CITY = {"WH": 12, "EZ": 11, "HS": 10, "HG": 10, "XN": 11}


def need_spec(rng, t):
    """The one indicator a need talks about, with today's and the wanted value."""
    ind = rng.choice(t["inds"])
    return ind, pick_value(rng, *ind[2]), pick_value(rng, *ind[3])


def need_title(rng, t, spec):
    app, prob = rng.choice(t["apps"]), rng.choice(t["probs"])
    (name, unit, _, _, sign), c, g = spec
    return rng.choice((
        f"{prob}，想找{t['term']}方面的技术合作",
        f"做{app}的{t['term']}，{name}只有{c}{unit}，怎么提到{g}{unit}？" if sign == "+" else
        f"做{app}的{t['term']}，{name}在{c}{unit}左右，怎么降到{g}{unit}？",
        f"求助：{prob}，有没有成熟的{t['term']}技术？",
        f"{app}项目急需{t['term']}技术支持：{prob}",
        f"{app}：{prob}，想请高校一起攻关",
    ))


def need_description(rng, t, ent, spec):
    p = rng.choice(t["procs"])
    (name, unit, _, _, sign), c, g = spec
    now = f"{name}目前只有{c}{unit}" if sign == "+" else f"{name}目前在{c}{unit}左右"
    want = f"把{name}提升到{g}{unit}以上" if sign == "+" else f"把{name}降到{g}{unit}以下"
    pct = rng.randint(10, 35)
    if t["f"] == "ai":
        extra = rng.choice((f"人工复核工作量减少{pct + 20}%", f"综合成本降低{pct}%", f"部署成本降低{pct}%"))
    else:
        extra = rng.choice((f"同时综合成本降低{pct}%", f"良品率提高到{rng.randint(95, 99)}%以上",
                            f"单位成本降低{pct}%", f"交付周期缩短{pct + 10}%",
                            f"核心部件国产化率达到{rng.randint(80, 100)}%"))
    res = rng.choice((f"公司可提供中试条件和测试平台", f"可提供现场试验条件和约{rng.randint(2, 50)}万条历史数据",
                      f"愿意派{rng.randint(2, 6)}名工程师全程参与", "可提供样品和现有技术资料"))
    plan = rng.choice((f"希望{rng.randint(3, 12)}个月内完成样机验证", f"希望{rng.randint(6, 18)}个月内完成中试",
                       "希望年内完成现场验证"))
    return (f"{ent['name']}主要面向{rng.choice(t['apps'])}提供{rng.choice(t['objs'])}相关产品。"
            f"现有方案{rng.choice(t['probs'])}，{now}。希望引进{t['term']}相关技术（如{p}），{want}，{extra}。"
            f"{res}，{plan}。")


def make_needs(rng, by_name):
    ents = {c: [] for c in CITIES}
    for name in ENTERPRISE_AFFINITY:
        o = by_name.get(name)
        if o is None:
            raise SystemExit(f"ENTERPRISE_AFFINITY: no organisation named {name}")
        ents[o["city"]].append(o)
    used, needs = Counter(), []
    for city in CITIES:
        plan = [(by_name[n], TOPIC_BY_KEY[k]) for k, n in NEED_ONLY_OWNERS.items() if by_name[n]["city"] == city]
        owners = ents[city]
        i = 0
        while len(plan) < NEEDS_PER_CITY[city]:
            ent = owners[i % len(owners)]
            i += 1
            fields, preferred = ENTERPRISE_AFFINITY[ent["name"]]
            if rng.random() < 0.7:
                pool = [TOPIC_BY_KEY[k] for k in preferred]
            else:
                pool = [t for t in TOPICS if t["f"] in fields.split() and not t["needOnly"]]
            least = min(used[t["key"]] for t in pool)
            t = rng.choice([t for t in pool if used[t["key"]] == least])
            used[t["key"]] += 1
            plan.append((ent, t))
        for ent, t in plan:
            spec = need_spec(rng, t)
            needs.append(OrderedDict([
                ("owner", ent["creditCode"]),
                ("ref", None),
                ("title", need_title(rng, t, spec)),
                ("description", fit(rng, lambda r: need_description(r, t, ent, spec), 100, 300, "description")),
                ("fields", [t["f"]] + ([t["f2"]] if t["f2"] and rng.random() < 0.4 else [])),
                ("budget", money(rng, 100_000, 3_000_000, 0.2)),
                ("deadlineDays", rng.randint(30, 365)),
                ("cooperationMode", rng.choices(NEED_MODES, weights=(35, 30, 15, 10, 10))[0]),
                ("visibility", "public" if rng.random() < 0.8 else "corridor"),
                ("status", "open" if rng.random() < 0.85 else "in_talks"),
                ("_topic", t["key"]),
            ]))
    for n, need in enumerate(needs, 1):
        need["ref"] = f"seed-need-{n:03d}"
    return needs


def item_text(item):
    return " ".join([item["title"], item.get("abstract") or item.get("summary") or ""] + item["keywords"])


def make_judgements(needs, patents, achievements):
    """Relevant = listed, shares a field with the need, and contains the need's core term."""
    out = OrderedDict()
    for need in needs:
        term, fields = TOPIC_BY_KEY[need["_topic"]]["term"], set(need["fields"])
        rel = lambda i: i["status"] == "listed" and fields & set(i["fields"]) and term in item_text(i)
        out[need["ref"]] = OrderedDict([
            ("patents", sorted(p["number"] for p in patents if rel(p))),
            ("achievements", sorted(a["ref"] for a in achievements if rel(a))),
        ])
    return out


# --- challenges (揭榜挂帅) -------------------------------------------------------------
# Written out one by one (ten is few enough); owners and applicants by name.

ALL_KINDS = ["enterprise", "university", "institute", "lab"]
T_60_20_20 = [("揭榜立项", 60), ("中期验收", 20), ("最终验收", 20)]

CHALLENGES = [
    dict(owner="武汉市科学技术局", year=2026, title="800G硅光集成光模块关键技术攻关",
         fields=["optoelectronics"], state="awarded", review="expert", reward=800_000_000, days=90,
         tranches=T_60_20_20, kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["华中科技大学", "武汉光电国家研究中心", "武汉澜芯光电子科技有限公司"],
         description="数据中心与智算中心对高速光互连的需求快速增长，800G光模块所需的高速硅光调制器、"
                     "硅光集成收发芯片和高速驱动芯片仍主要依赖进口，国产模块在功耗、良率和一致性上与国际先进水平"
                     "存在差距。本榜单面向大走廊内高校、院所和企业征集硅光集成800G光模块整体解决方案，要求在"
                     "走廊内完成芯片流片、封装测试与小批量试产，形成自主可控的供应链，并在本地智算中心开展示范应用。",
         goals="研制单波200G硅光调制器及800G硅光集成光模块样品。完成可靠性验证并实现小批量供货。",
         indicators=["硅光调制器调制带宽不低于60GHz", "模块功耗不高于14W", "误码率优于2.4×10⁻⁴（FEC前）",
                     "小批量试产良率不低于90%"]),
    dict(owner="鄂州市科学技术局", year=2026, title="临空物流北斗低空无人机高精度导航与避障关键技术攻关",
         fields=["beidou", "ai"], state="under_review", review="race", slots=3, reward=500_000_000, days=60,
         tranches=[("揭榜立项", 70), ("最终验收", 30)], kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["武汉大学", "鄂州临空北斗物流科技有限公司", "华中科技大学鄂州工业技术研究院"],
         description="依托花湖国际机场航空货运枢纽，鄂州正在建设低空物流配送网络。现有物流无人机在机场周边电磁环境"
                     "复杂、楼宇遮挡和夜间作业条件下，北斗定位易失锁、避障依赖人工遥控，难以满足常态化运营要求。"
                     "本榜单采用以赛代评方式，入围团队在统一测试场完成同场比测，按综合成绩确定挂帅团队。"
                     "比测内容包括定位精度、失锁恢复、障碍物识别和夜间起降，前三名团队进入示范运营阶段。",
         goals="研制融合北斗RTK、惯性组合导航与视觉感知的低空物流无人机导航避障系统，并在临空经济区开展示范运营。",
         indicators=["复杂环境下水平定位精度优于10cm", "卫星信号失锁30s内位置漂移小于1m",
                     "对直径大于2cm障碍物的识别率不低于99%", "连续示范运营不少于1000架次"]),
    dict(owner="黄石铁山新能源汽车零部件有限公司", year=2026,
         title="一体化压铸铝合金副车架激光焊接关键技术攻关",
         fields=["new_energy_vehicles", "high_end_equipment"], state="applications_closed", review="expert",
         reward=300_000_000, days=45, tranches=[("揭榜立项", 60), ("中期验收", 25), ("最终验收", 15)],
         kinds=["university", "institute", "enterprise"], cities=list(CITIES),
         applicants=["武汉理工大学", "湖北理工学院"],
         description="公司为多家新能源整车厂配套副车架总成，正在由传统冲焊结构转向一体化压铸铝合金结构。压铸件与"
                     "挤压型材的异种铝合金连接存在焊缝气孔多、热裂倾向大、变形难控制等问题，现有MIG焊接节拍慢、"
                     "返修率超过8%。公司希望与高校院所合作开发激光焊接工艺与装备，解决量产一致性问题。"
                     "公司可提供压铸件样品、焊接试验工位和量产线验证条件，并安排工艺工程师全程配合。",
         goals="开发适用于压铸铝合金与挤压型材连接的激光焊接工艺和在线质量监测系统。在公司产线完成批量验证。",
         indicators=["焊缝气孔率不高于0.5%", "单件焊接节拍缩短40%", "焊后总成变形量不大于0.8mm",
                     "返修率降至1%以下"]),
    dict(owner="黄冈市科学技术局", year=2026, title="蕲艾道地药材有效成分高效提取与质量标准关键技术攻关",
         fields=["life_health"], state="published", review="expert", reward=200_000_000, days=75,
         tranches=T_60_20_20, kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["黄冈师范学院"],
         description="蕲艾是黄冈的特色道地药材，全市种植面积持续扩大，但艾叶深加工仍以艾条、艾绒等初级产品为主，"
                     "挥发油提取得率低、热敏成分损失大，产品质量缺少统一标准，制约了产业附加值提升。本榜单面向"
                     "全走廊征集蕲艾有效成分高效提取、纯化及质量控制整体技术方案，推动形成地方标准和示范生产线。"
                     "市科技局将对挂帅团队在本地转化落地的项目给予后续配套支持。",
         goals="建立蕲艾挥发油绿色高效提取与纯化工艺。制定蕲艾提取物质量标准并建成示范生产线。",
         indicators=["艾叶挥发油得率不低于1.5%", "桉油精含量不低于30%", "形成地方标准或团体标准1项"]),
    dict(owner="咸宁赤壁新能源电池材料有限公司", year=2026, title="高安全硫化物固态电解质规模化制备关键技术攻关",
         fields=["new_energy_vehicles"], state="draft", review="expert", reward=600_000_000, days=100,
         tranches=[("揭榜立项", 60), ("中期验收", 15), ("中试验收", 15), ("最终验收", 10)],
         kinds=["university", "institute", "lab"], cities=list(CITIES), applicants=[],
         description="固态电池是下一代动力电池的重要方向。公司已建成液态电池正极材料产线，计划布局硫化物固态电解质。"
                     "目前实验室合成的硫化物电解质离子电导率较高，但对水分极为敏感，吨级放大后批次一致性差、"
                     "生产成本高，干法成膜工艺尚不成熟。拟面向高校院所征集可规模化的制备与成膜技术。"
                     "公司可提供干燥间、中试场地和电芯试制条件，成果优先在赤壁基地产业化。",
         goals="开发空气稳定性好的硫化物固态电解质及吨级合成工艺，完成干法成膜中试。",
         indicators=["室温离子电导率不低于8mS/cm", "露点-40℃环境下暴露24h电导率保持率不低于90%",
                     "单批次产能不低于100kg", "电解质膜厚度不大于30μm"]),
    dict(owner="武汉灵枢人工智能科技有限公司", year=2026, title="面向工业质检的小样本视觉大模型关键技术攻关",
         fields=["ai"], state="published", review="race", slots=2, reward=400_000_000, days=30,
         tranches=[("揭榜立项", 60), ("最终验收", 40)], kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["武汉大学", "湖北工业大学"],
         description="大走廊内光电子、汽车零部件和锂电企业对表面缺陷检测需求旺盛，但每条产线的缺陷样本少、类别多、"
                     "换型频繁，传统深度学习模型需要大量标注，部署周期长。公司拟联合揭榜团队研发面向工业质检的"
                     "小样本视觉大模型，采用以赛代评方式，在统一数据集和真实产线上比测，择优挂帅。"
                     "公司将开放约5万张脱敏产线图像用于训练和比测，并提供推理服务器。",
         goals="研发支持小样本快速适配的工业视觉缺陷检测大模型，并在3类以上产线完成部署验证。",
         indicators=["每类缺陷不超过20张样本时检出率不低于99%", "误报率不高于1%", "新产线适配时间不超过3天"]),
    dict(owner="黄石下陆精密模具装备有限公司", year=2026, title="汽车大型覆盖件精密模具寿命提升关键技术攻关",
         fields=["high_end_equipment"], state="cancelled", review="expert", reward=250_000_000, days=40,
         tranches=[("揭榜立项", 60), ("最终验收", 40)], kinds=["university", "institute", "enterprise"],
         cities=["WH", "EZ", "HS"], applicants=["武汉科技大学", "湖北理工学院"],
         description="公司主要生产汽车大型覆盖件冲压模具和精密注塑模具，高强钢板冲压时模具型面磨损、拉毛问题突出，"
                     "平均每生产4万件即需修模，严重影响客户交付。原计划征集模具表面强化与寿命预测技术，因公司产品"
                     "结构调整、相关车型项目延期，经研究决定取消本榜单，已报名团队的材料予以退回。"
                     "公司将视车型项目进展另行发布相关需求，届时欢迎各团队再次揭榜。",
         goals="开发模具型面复合强化工艺和基于数据的模具寿命预测方法。",
         indicators=["模具修模间隔提升至12万件以上", "型面硬度不低于62HRC", "寿命预测误差不超过15%"]),
    dict(owner="咸宁市科学技术局", year=2026, title="北斗与光纤传感融合的山洪地质灾害智能监测预警关键技术攻关",
         fields=["beidou", "optoelectronics"], state="published", review="expert", reward=350_000_000, days=120,
         tranches=T_60_20_20, kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["中国地质大学（武汉）"],
         description="咸宁山区面积大，通山、崇阳等地汛期山洪和滑坡灾害易发，现有监测点以雨量计和人工巡查为主，"
                     "覆盖不足、预警时间短，偏远地区缺乏公网通信。本榜单征集融合北斗高精度形变监测、分布式光纤"
                     "传感和北斗短报文通信的一体化监测预警技术，要求低功耗、易布设，并在典型隐患点开展示范。"
                     "项目成果将纳入全市自然灾害监测预警体系统一调度使用。",
         goals="研制北斗与光纤传感融合的低功耗监测终端和预警平台。在不少于20处隐患点完成示范应用。",
         indicators=["位移监测精度优于2mm", "预警响应时间不超过5分钟", "终端平均功耗不高于80mW",
                     "无公网条件下报文发送成功率不低于99%"]),
    dict(owner="鄂州吴都生物医药科技有限公司", year=2025, title="mRNA药物LNP递送系统国产化关键技术攻关",
         fields=["life_health"], state="closed", review="expert", reward=700_000_000, days=60,
         tranches=T_60_20_20, kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["华中科技大学", "湖北大学", "武汉康衡生物医药科技有限公司"],
         description="mRNA药物的核心瓶颈在于LNP递送系统，其中可电离脂质结构专利和微流控制备设备长期被国外企业掌握。"
                     "公司已建成mRNA原液中试线，亟需具有自主知识产权的可电离脂质和规模化LNP制剂工艺，以降低"
                     "成本并提升制剂稳定性，支撑后续临床申报。"
                     "公司可提供mRNA原液、动物实验平台和GMP中试车间，合作成果由双方按约定共享知识产权。",
         goals="开发具有自主知识产权的可电离脂质及LNP制剂工艺。完成制剂中试放大和稳定性研究。",
         indicators=["包封率不低于95%", "粒径分布PDI不高于0.15", "2-8℃条件下稳定期不少于6个月",
                     "申请发明专利不少于3项"]),
    dict(owner="黄冈团风钢构智能装备有限公司", year=2025, title="大型钢结构智能焊接机器人关键技术攻关",
         fields=["high_end_equipment", "ai"], state="in_progress", review="expert", reward=450_000_000, days=50,
         tranches=[("揭榜立项", 60), ("中期验收", 20), ("最终验收", 20)], kinds=ALL_KINDS, cities=list(CITIES),
         applicants=["华中科技大学鄂州工业技术研究院", "黄冈职业技术学院", "武汉科技大学"],
         description="公司年加工建筑和桥梁钢结构约10万吨，箱型梁、H型钢等构件焊缝长、坡口不一致，目前以人工焊接为主，"
                     "熟练焊工紧缺、焊接质量波动大。现有焊接机器人需逐件示教编程，难以适应小批量多品种生产。"
                     "公司希望引入免示教的智能焊接机器人系统，实现焊缝自动识别、路径自主规划和质量在线监测。"
                     "公司提供示范车间和典型构件，成果验证合格后计划采购不少于10套系统。",
         goals="研制基于视觉识别的免示教钢结构焊接机器人系统。在公司车间完成不少于3类构件的连续生产验证。",
         indicators=["焊缝识别与跟踪精度优于0.5mm", "编程准备时间缩短80%", "一次焊接合格率不低于98%"]),
]


def make_challenges(by_name):
    out = []
    for n, c in enumerate(CHALLENGES, 1):
        code = lambda name: by_name[name]["creditCode"] if name in by_name else f"unknown:{name}"
        out.append(OrderedDict([
            ("owner", code(c["owner"])),
            ("ref", f"seed-ch-{n:02d}"),
            ("year", c["year"]),
            ("title", c["title"]),
            ("description", c["description"]),
            ("goals", c["goals"]),
            ("indicators", c["indicators"]),
            ("rewardFen", c["reward"]),
            ("tranches", [OrderedDict([("name", a), ("percent", b)]) for a, b in c["tranches"]]),
            ("deadlineDays", c["days"]),
            ("eligibility", OrderedDict([("organizationKinds", c["kinds"]), ("cities", c["cities"])])),
            ("reviewMode", c["review"]),
            ("raceSlots", c.get("slots")),
            ("fields", c["fields"]),
            ("targetState", c["state"]),
            ("applicants", [code(a) for a in c["applicants"]]),
        ]))
    return out

# --- validation ---------------------------------------------------------------------


class Problems(list):
    def add(self, where, msg):
        self.append(f"{where}: {msg}")


HAN_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def check_price(probs, where, p, lo_yuan, hi_yuan):
    if list(p.keys()) != ["minFen", "maxFen", "negotiable"]:
        return probs.add(where, f"price keys {list(p.keys())}")
    if p["negotiable"] is True:
        if p["minFen"] is not None or p["maxFen"] is not None:
            probs.add(where, "negotiable price with amounts")
    elif p["negotiable"] is False:
        lo, hi = p["minFen"], p["maxFen"]
        if not (type(lo) is int and type(hi) is int and lo_yuan * 100 <= lo <= hi <= hi_yuan * 100):
            probs.add(where, f"price {lo}..{hi} fen outside ¥{lo_yuan}..¥{hi_yuan}")
    else:
        probs.add(where, "negotiable must be a boolean")


def check_owner(probs, where, code, by_code, kinds):
    o = by_code.get(code)
    if o is None:
        probs.add(where, f"owner {code} is not in organizations.json")
    elif o["kind"] not in kinds:
        probs.add(where, f"owner {o['name']} is a {o['kind']}, expected one of {kinds}")
    return o


def check_len(probs, where, name, s, lo, hi):
    if not isinstance(s, str) or not lo <= clen(s) <= hi:
        probs.add(where, f"{name} length {clen(s) if isinstance(s, str) else s} not in {lo}-{hi}")


def check_fields(probs, where, fields):
    if not (isinstance(fields, list) and 1 <= len(fields) <= 2 and len(set(fields)) == len(fields)):
        probs.add(where, f"fields {fields}")
    for f in fields or []:
        if f not in FIELDS:
            probs.add(where, f"unknown field code {f}")


def check_city_spread(probs, name, items, by_code, minimum=5):
    per_city = Counter(by_code[i["owner"]]["city"] for i in items if i["owner"] in by_code)
    for c in CITIES:
        if per_city[c] < minimum:
            probs.add(name, f"only {per_city[c]} items in city {c} (need {minimum})")
    per_field = Counter(f for i in items for f in i["fields"])
    for f in FIELDS:
        if per_field[f] == 0:
            probs.add(name, f"no item in field {f}")


def validate_patents(probs, patents, by_code):
    if len(patents) < 160:
        probs.add("patents", f"only {len(patents)} patents")
    seen = set()
    for i, p in enumerate(patents):
        w = f"patents[{i}] {p.get('number')}"
        o = check_owner(probs, w, p["owner"], by_code, RESEARCH_KINDS)
        n = p["number"]
        if not is_valid_patent_number(n):
            probs.add(w, "invalid patent number or check character")
        if n in seen:
            probs.add(w, "duplicate patent number")
        seen.add(n)
        if not p["title"].startswith("一种"):
            probs.add(w, "title does not start with 一种")
        check_len(probs, w, "abstract", p["abstract"], 80, 250)
        check_len(probs, w, "claimsSummary", p["claimsSummary"], 40, 150)
        if not (1 <= len(p["ipcCodes"]) <= 3 and all(IPC_RE.match(c) for c in p["ipcCodes"])):
            probs.add(w, f"ipcCodes {p['ipcCodes']}")
        if o and p["applicants"] != [o["name"]]:
            probs.add(w, "applicants must be [owner name]")
        if not (1 <= len(p["inventors"]) <= 5 and all(HAN_NAME_RE.match(x) for x in p["inventors"])):
            probs.add(w, f"inventors {p['inventors']}")
        if p["legalStatus"] not in ("granted", "pending", "lapsed"):
            probs.add(w, f"legalStatus {p['legalStatus']}")
        check_fields(probs, w, p["fields"])
        if not 3 <= len(p["keywords"]) <= 6:
            probs.add(w, f"{len(p['keywords'])} keywords")
        if not (type(p["trl"]) is int and 2 <= p["trl"] <= 8):
            probs.add(w, f"trl {p['trl']}")
        tm = p["transferModes"]
        if not tm or len(set(tm)) != len(tm) or any(m not in TRANSFER_MODES for m in tm):
            probs.add(w, f"transferModes {tm}")
        check_price(probs, w, p["askingPrice"], 50_000, 5_000_000)
        if p["status"] not in ("listed", "draft"):
            probs.add(w, f"status {p['status']}")
    listed = sum(p["status"] == "listed" for p in patents)
    if not 0.85 <= listed / max(1, len(patents)) <= 0.95:
        probs.add("patents", f"{listed} of {len(patents)} listed (want about 90%)")
    if sum(p["legalStatus"] == "granted" for p in patents) * 2 <= len(patents):
        probs.add("patents", "granted must be the majority")
    check_city_spread(probs, "patents", patents, by_code)


def check_refs(probs, name, items, prefix):
    refs = [i.get("ref") for i in items]
    if len(set(refs)) != len(refs):
        probs.add(name, "duplicate refs")
    for r in refs:
        if not (isinstance(r, str) and r.startswith(prefix)):
            probs.add(name, f"ref {r} does not start with {prefix}")


def validate_achievements(probs, achievements, patents, by_code):
    if len(achievements) < 60:
        probs.add("achievements", f"only {len(achievements)} achievements")
    check_refs(probs, "achievements", achievements, "seed-ach-")
    owner_of = {p["number"]: p["owner"] for p in patents}
    for a in achievements:
        w = f"achievements {a['ref']}"
        check_owner(probs, w, a["owner"], by_code, RESEARCH_KINDS)
        check_len(probs, w, "title", a["title"], 4, 60)
        check_len(probs, w, "summary", a["summary"], 100, 300)
        if not (type(a["trl"]) is int and 3 <= a["trl"] <= 9):
            probs.add(w, f"trl {a['trl']}")
        check_fields(probs, w, a["fields"])
        if not 3 <= len(a["keywords"]) <= 6:
            probs.add(w, f"{len(a['keywords'])} keywords")
        cm = a["cooperationModes"]
        if not cm or len(set(cm)) != len(cm) or any(m not in COOP_MODES for m in cm):
            probs.add(w, f"cooperationModes {cm}")
        check_price(probs, w, a["price"], 50_000, 5_000_000)
        pn = a["patentNumbers"]
        if len(pn) > 3 or len(set(pn)) != len(pn):
            probs.add(w, f"patentNumbers {pn}")
        for n in pn:
            if n not in owner_of:
                probs.add(w, f"patent {n} is not in patents.json")
            elif owner_of[n] != a["owner"]:
                probs.add(w, f"patent {n} belongs to another owner")
        tm = a["teamMembers"]
        if not 1 <= len(tm) <= 5 or sum(m["role"] == "负责人" for m in tm) != 1:
            probs.add(w, "teamMembers: 1-5 members, exactly one 负责人")
        for m in tm:
            if (list(m.keys()) != ["name", "title", "role"] or not HAN_NAME_RE.match(m["name"])
                    or m["title"] not in MEMBER_TITLES or m["role"] not in ("负责人", "成员")):
                probs.add(w, f"team member {m}")
        if a["status"] != "listed":
            probs.add(w, f"status {a['status']}")
    check_city_spread(probs, "achievements", achievements, by_code)


def validate_needs(probs, needs, judgements, patents, achievements, by_code):
    if len(needs) < 50:
        probs.add("needs", f"only {len(needs)} needs")
    check_refs(probs, "needs", needs, "seed-need-")
    for n in needs:
        w = f"needs {n['ref']}"
        check_owner(probs, w, n["owner"], by_code, ("enterprise",))
        check_len(probs, w, "title", n["title"], 8, 60)
        check_len(probs, w, "description", n["description"], 100, 300)
        if not re.search(r"\d+(\.\d+)?\s*%", n["description"]):
            probs.add(w, "description has no percentage indicator")
        check_fields(probs, w, n["fields"])
        check_price(probs, w, n["budget"], 100_000, 3_000_000)
        if not (type(n["deadlineDays"]) is int and 30 <= n["deadlineDays"] <= 365):
            probs.add(w, f"deadlineDays {n['deadlineDays']}")
        if n["cooperationMode"] not in NEED_MODES:
            probs.add(w, f"cooperationMode {n['cooperationMode']}")
        if n["visibility"] not in ("public", "corridor") or n["status"] not in ("open", "in_talks"):
            probs.add(w, "visibility/status")
        t = TOPIC_BY_KEY.get(n.get("_topic"))
        if t and t["term"] not in n["title"] + n["description"]:
            probs.add(w, f"core term {t['term']} not in the need's text")
        j = judgements.get(n["ref"])
        if j is None:
            probs.add(w, "no judgement")
        elif t and bool(j["patents"] or j["achievements"]) == t["needOnly"]:
            probs.add(w, f"judgement {'not ' if not t['needOnly'] else ''}empty for topic {t['key']}")
    if set(judgements) != {n["ref"] for n in needs}:
        probs.add("need-judgements", "keys differ from need refs")
    numbers = {p["number"] for p in patents}
    refs = {a["ref"] for a in achievements}
    for ref, j in judgements.items():
        if any(x not in numbers for x in j["patents"]) or any(x not in refs for x in j["achievements"]):
            probs.add("need-judgements", f"{ref} names an unknown patent or achievement")
    need_fields = {n["ref"]: set(n["fields"]) for n in needs}
    items = {p["number"]: p for p in patents}
    items.update({a["ref"]: a for a in achievements})
    for ref, j in judgements.items():
        for x in j["patents"] + j["achievements"]:
            if x in items and not need_fields.get(ref, set()) & set(items[x]["fields"]):
                probs.add("need-judgements", f"{ref}: {x} shares no field with the need")
    for i in patents + achievements:  # judgement sets are by topic: no term leaks across topics
        for t in TOPICS:
            if "_topic" in i and t["key"] != i["_topic"] and t["f"] in i["fields"] and t["term"] in item_text(i):
                probs.add("topics", f"term {t['term']} leaks into {i.get('number') or i.get('ref')}")
    check_city_spread(probs, "needs", needs, by_code)


def validate_challenges(probs, challenges, by_code):
    if len(challenges) != 10:
        probs.add("challenges", f"{len(challenges)} challenges, want exactly 10")
    check_refs(probs, "challenges", challenges, "seed-ch-")
    years = Counter(c["year"] for c in challenges)
    if years != Counter({2026: 8, 2025: 2}):
        probs.add("challenges", f"years {dict(years)}, want 8 for 2026 and 2 for 2025")
    states = Counter(c["targetState"] for c in challenges)
    for st in CHALLENGE_STATES:
        if not states[st]:
            probs.add("challenges", f"no challenge in state {st}")
    if any(v > 1 for st, v in states.items() if st != "published"):
        probs.add("challenges", "a state other than published is used twice")
    if sum(c["reviewMode"] == "race" for c in challenges) != 2:
        probs.add("challenges", "want exactly 2 race challenges")
    owner_cities = Counter()
    for c in challenges:
        w = f"challenges {c['ref']}"
        o = check_owner(probs, w, c["owner"], by_code, ("enterprise", "government"))
        if o:
            owner_cities[o["city"]] += 1
            if o["kind"] == "government" and "科学技术局" not in o["name"]:
                probs.add(w, "government owner is not a science bureau")
        if not c["title"].endswith("关键技术攻关"):
            probs.add(w, "title must end with 关键技术攻关")
        check_len(probs, w, "description", c["description"], 150, 400)
        if not 1 <= c["goals"].count("。") <= 3 or not c["goals"].endswith("。"):
            probs.add(w, "goals must be 1-3 sentences")
        if not 2 <= len(c["indicators"]) <= 5:
            probs.add(w, f"{len(c['indicators'])} indicators")
        if not (type(c["rewardFen"]) is int and 200_000_000 <= c["rewardFen"] <= 1_000_000_000):
            probs.add(w, f"rewardFen {c['rewardFen']}")
        tr = [t["percent"] for t in c["tranches"]]
        if not (2 <= len(tr) <= 4 and tr[0] >= 60 and sum(tr) == 100 and all(type(x) is int and x > 0 for x in tr)):
            probs.add(w, f"tranche percents {tr}")
        if not 20 <= c["deadlineDays"] <= 120:
            probs.add(w, f"deadlineDays {c['deadlineDays']}")
        kinds, cities = c["eligibility"]["organizationKinds"], c["eligibility"]["cities"]
        if not kinds or any(k not in ("enterprise", "university", "institute", "lab") for k in kinds):
            probs.add(w, f"eligibility kinds {kinds}")
        if not cities or any(x not in CITIES for x in cities):
            probs.add(w, f"eligibility cities {cities}")
        race = c["reviewMode"] == "race"
        if c["reviewMode"] not in ("expert", "race") or (c["raceSlots"] in (2, 3)) != race \
                or (not race and c["raceSlots"] is not None):
            probs.add(w, f"reviewMode {c['reviewMode']} with raceSlots {c['raceSlots']}")
        check_fields(probs, w, c["fields"])
        if c["targetState"] not in CHALLENGE_STATES:
            probs.add(w, f"targetState {c['targetState']}")
        ap = c["applicants"]
        if len(ap) > 3 or len(set(ap)) != len(ap) or c["owner"] in ap:
            probs.add(w, f"applicants {ap}")
        at_least = 2 if CHALLENGE_STATES.index(c["targetState"]) >= 2 else 0
        if len(ap) < at_least or (c["targetState"] == "draft" and ap):
            probs.add(w, f"{len(ap)} applicants in state {c['targetState']}")
        for a in ap:
            ao = check_owner(probs, f"{w} applicant", a, by_code, ("university", "institute", "enterprise"))
            if ao and (ao["kind"] not in kinds or ao["city"] not in cities):
                probs.add(w, f"applicant {ao['name']} is not eligible")
    for city in CITIES:
        if owner_cities[city] == 0:
            probs.add("challenges", f"no challenge owner in {city}")

# === main ===


def strip_private(items):
    return [OrderedDict((k, v) for k, v in it.items() if not k.startswith("_")) for it in items]


def report(patents, achievements, needs, judgements, challenges, by_code):
    def table(name, items):
        cities = Counter(by_code[i["owner"]]["city"] for i in items)
        fields = Counter(f for i in items for f in i["fields"])
        print(f"{name}: {len(items)}")
        print("  per city:  " + ", ".join(f"{c} {cities[c]}" for c in CITIES))
        print("  per field: " + ", ".join(f"{f} {fields[f]}" for f in FIELDS))
    table("patents", patents)
    print("  legalStatus: " + ", ".join(f"{k} {v}" for k, v in Counter(p["legalStatus"] for p in patents).items())
          + "; status: " + ", ".join(f"{k} {v}" for k, v in Counter(p["status"] for p in patents).items())
          + f"; utility models {sum(p['number'][4] == '2' for p in patents)}")
    table("achievements", achievements)
    print(f"  with linked patents: {sum(bool(a['patentNumbers']) for a in achievements)}")
    table("needs", needs)
    empty = [r for r, j in judgements.items() if not j["patents"] and not j["achievements"]]
    print(f"  judgements: {sum(len(j['patents']) for j in judgements.values())} patent and "
          f"{sum(len(j['achievements']) for j in judgements.values())} achievement links; "
          f"needs with nothing relevant: {', '.join(empty) or 'none'}")
    table("challenges", challenges)
    print("  states: " + ", ".join(f"{c['ref']} {c['year']} {c['targetState']}/{c['reviewMode']}" for c in challenges))


def main(argv):
    orgs, by_code, by_name = load_orgs()
    if argv == ["--check"]:
        files = ("patents", "achievements", "needs", "need-judgements", "challenges")
        patents, achievements, needs, judgements, challenges = (
            load_json(os.path.join(OUT, f + ".json")) for f in files)
    elif argv:
        print(__doc__, file=sys.stderr)
        return 2
    else:
        rng = random.Random(SEED)
        patents = make_patents(rng, by_name)
        achievements = make_achievements(rng, by_name, patents)
        needs = make_needs(rng, by_name)
        judgements = make_judgements(needs, patents, achievements)
        challenges = make_challenges(by_name)
    probs = Problems()
    validate_patents(probs, patents, by_code)
    validate_achievements(probs, achievements, patents, by_code)
    validate_needs(probs, needs, judgements, patents, achievements, by_code)
    validate_challenges(probs, challenges, by_code)
    if probs:
        print("\n".join(probs), file=sys.stderr)
        print(f"{len(probs)} problem(s); nothing written", file=sys.stderr)
        return 1
    if not argv:
        save_json("patents.json", strip_private(patents))
        save_json("achievements.json", strip_private(achievements))
        save_json("needs.json", strip_private(needs))
        save_json("need-judgements.json", judgements)
        save_json("challenges.json", challenges)
    report(patents, achievements, needs, judgements, challenges, by_code)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
