"""The four hand-made packets, values written by hand (fictional Guangzhou entities).

Every credit code / ID number gets its real check character from python-stdnum unless a plant
breaks it on purpose. `Packet.findings` is what a correct system must report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stdnum.cn import ric, uscc

from . import docs
from .finance import BalanceSheet, IncomeStatement
from .scan import Scan, Seal


def credit(body: str) -> str:
    return body + uscc.calc_check_digit(body)


def id_no(body: str) -> str:
    # stdnum's ric.calc_check_digit reads an 18-character number and ignores its last character.
    return body + ric.calc_check_digit(body + "0")


def broken(code: str) -> str:
    """The same code with a wrong (but well-formed) check character."""
    return code[:-1] + ("7" if code[-1] != "7" else "8")


@dataclass
class Packet:
    name: str
    submission_date: str
    district: str
    editable: str                         # "docx" | "xlsx" | "none"
    form: dict[str, Any]
    documents: list[docs.Doc]
    findings: list[dict[str, Any]] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)


def seal_of(entity: str, cx: float, cy: float, radius: float = 0.085) -> Seal:
    return Seal(cx, cy, entity, radius)


LICENCE_SEAL = (0.80, 0.845)   # over 登记机关 on our licence template
FORM_SEAL = (0.36, 0.36)       # over 申请单位（盖章） on page 2 of our form template
COPY_SEAL = (0.40, 0.50)       # the applicant certifies its licence copy: a seal across the middle rows


def _form_base(**values: Any) -> dict[str, Any]:
    return dict(values)


def tianhe() -> Packet:
    """Clean: science park, licence + master diploma/degree + title + ID, 3-page lease, 2018 statements."""
    entity, code = "广州市天河智汇科技园管理有限公司", credit("91440106MA59C3K2X")
    address = "广州市天河区高普路1023号智汇大厦12楼1201房"
    sheet = BalanceSheet(28460315.72, 11204880.15, 17255435.57, 28460315.72)
    income = IncomeStatement(15836402.50)
    form = _form_base(entity_name=entity, office_address=address, entity_category="science_park",
                      industry="新一代信息技术", registration_date="2012-05-08", entity_nature="民营企业",
                      legal_representative="黄志强", registered_address=address, postal_code="510663",
                      contact_name="李晓敏", contact_phone="020-38291746/13829107465", contact_email="zhihui_park@163.com",
                      park_opening="2013-09", enterprises_served=86,
                      station_name="广州市中小企业服务站（天河智汇科技园）", staff_fulltime=3, staff_fulltime_qualified=2,
                      staff_parttime=1, station_area=150.0, station_address=address, station_head="陈思远",
                      station_head_phone="13902267318", station_head_email="chensy@zhihuipark.cn",
                      station_head_education="postgraduate",
                      **docs.form_figures(sheet, income, {"service_revenue_2017": 10842300.0, "taxes_paid_2017": 612400.0,
                                                          "smes_served_2017": 58, "service_revenue_2018": 12763500.0,
                                                          "taxes_paid_2018": 745100.0, "smes_served_2018": 86}),
                      credit_code=code)
    licence = {"credit_code": code, "entity_name": entity, "entity_type": "有限责任公司（自然人投资或控股）",
               "legal_representative": "黄志强", "registered_capital": 10000000.0, "registration_date": "2012-05-08",
               "term_start": "2012-05-08", "term_end": "2042-05-07", "registered_address": address,
               "issuing_authority": "广州市天河区市场监督管理局", "issue_date": "2017-11-20"}
    head = {"holder_name": "陈思远", "birth_date": "1986-03-12", "school": "中山大学", "major": "工商管理",
            "education_level": "master", "graduation_date": "2011-06-30", "certificate_no": "105581201102001437"}
    degree = {k: head[k] for k in ("holder_name", "birth_date", "school", "major", "education_level")} | \
        {"certificate_no": "1055832011001526"}
    title = {"holder_name": "林嘉欣", "title": "经济师", "title_level": "intermediate", "issue_date": "2016-12-28",
             "certificate_no": "粤中职2016031857", "issuing_authority": "广州市人力资源和社会保障局"}
    card = {"holder_name": "林嘉欣", "id_number": id_no("44010619890715262"), "birth_date": "1989-07-15",
            "address": "广州市天河区龙口西路218号3栋502房"}
    lease = {"lessor": "广州市天河高新物业发展有限公司", "lessee": entity, "premises_address": address, "area": 150.0,
             "term_start": "2018-01-01", "term_end": "2020-12-31", "monthly_rent": 36000.0, "signing_date": "2017-12-15"}
    people = ("黄志强", "周丽华", "吴敏")
    return Packet("hm-clean-tianhe", "2019-06-18", "天河区", "docx", form, [
        docs.cover(entity, "天河区", "李晓敏 13829107465", "2019年6月", Scan(skew=0.4)),
        docs.application_form(form, [Scan(skew=-0.6), Scan(seals=(seal_of(entity, *FORM_SEAL),))],
                              font="song", box_style="paren", date_text="2019年6月14日"),
        docs.business_license(licence, Scan(skew=0.8, blur=0.6, seal_over_text=True,
                                              seals=(Seal(*LICENCE_SEAL, licence["issuing_authority"], 0.1), seal_of(entity, *COPY_SEAL))),
                              scope="科技园区管理服务；物业管理；企业管理咨询；场地租赁。"),
        docs.diploma(head, Scan(skew=-0.3), sex="男", start="2008-09-01", president="罗俊"),
        docs.degree_certificate(degree, Scan(photo=True), sex="男", discipline="管理学", award_date="2011-06-28", chair="罗俊"),
        docs.title_certificate(title, Scan(rotation=90), sex="女", birth=card["birth_date"], employer=entity),
        docs.id_card(card, Scan(grey=True), sex="女", police="广州市公安局天河分局", validity="2015.08.03-2035.08.03"),
        docs.lease(lease, [Scan(skew=0.5), Scan(skew=-0.4, blur=0.5),
                           Scan(seals=(seal_of(lease["lessor"], 0.30, 0.42), seal_of(entity, 0.72, 0.42)))],
                   contract_no="THGX-2017-118", phones=("020-85521906", "13829107465")),
        docs.balance_sheet(entity, sheet, Scan(skew=0.3, seal_over_text=True,
                                               seals=(seal_of(entity, 0.30, 0.075, 0.075),)), people=people),
        docs.income_statement(entity, income, Scan(blur=0.8), people=people),
        docs.service_record("2018年企业财税政策宣讲会签到表", "2018年9月14日", "智汇大厦3楼会议室", entity,
                            [("广州云帆信息科技有限公司", "钟立", "13760112245"), ("广州市恒锐电子有限公司", "邓楠", "13922418870"),
                             ("广州星河数据服务有限公司", "许薇", "18620335561"), ("广州铭途软件有限公司", "冯涛", "13580479923")],
                            Scan(photo=True), font="kai"),
    ])


def panyu() -> Packet:
    """Clean: an association with a 社会团体法人登记证书 and a property certificate; pages as JPEG files, no editable form."""
    entity, code = "广州市番禺区中小企业发展促进会", credit("51440113MJ4721608")
    address = "广州市番禺区市桥街繁华路66号番禺商会大厦8楼"
    sheet = BalanceSheet(6120448.30, 1830227.64, 4290220.66, 6120448.30)
    income = IncomeStatement(3412880.00)
    form = _form_base(entity_name=entity, office_address=address, entity_category="association", industry="商贸服务",
                      registration_date="2009-03-18", entity_nature="社会团体", legal_representative="何伟明",
                      registered_address=address, postal_code="511400", contact_name="罗静怡",
                      contact_phone="020-84826315/13660258814", contact_email="pysme_cj@126.com", enterprises_served=312,
                      station_name="广州市中小企业服务站（番禺区中小企业发展促进会）", staff_fulltime=2,
                      staff_fulltime_qualified=2, staff_parttime=0, station_area=210.0, station_address=address,
                      station_head="罗静怡", station_head_phone="13660258814", station_head_email="luojy@pysme.org.cn",
                      station_head_education="college_or_bachelor",
                      **docs.form_figures(sheet, income, {"service_revenue_2017": 2650400.0, "taxes_paid_2017": 41800.0,
                                                          "smes_served_2017": 264, "service_revenue_2018": 3102600.0,
                                                          "taxes_paid_2018": 52300.0, "smes_served_2018": 312}),
                      credit_code=code)
    cert = {"credit_code": code, "entity_name": entity, "entity_type": "社会团体", "legal_representative": "何伟明",
            "registered_capital": 300000.0, "registration_date": "2009-03-18", "term_start": "2019-01-10",
            "term_end": "2024-01-09", "registered_address": address, "issuing_authority": "广州市番禺区民政局",
            "issue_date": "2019-01-10"}
    head = {"holder_name": "罗静怡", "birth_date": "1984-11-02", "school": "华南理工大学", "major": "市场营销",
            "education_level": "bachelor", "graduation_date": "2006-07-01", "certificate_no": "105611200605003218"}
    staff = {"holder_name": "冯俊杰", "birth_date": "1992-04-23", "school": "广州番禺职业技术学院", "major": "工商企业管理",
             "education_level": "college", "graduation_date": "2013-06-28", "certificate_no": "128250201306001972"}
    staff_id = id_no("44011319920423351")
    qual = {"holder_name": "冯俊杰", "qualification": "企业人力资源管理师（二级）", "issue_date": "2017-05-20",
            "certificate_no": "1744000002301167"}
    card = {"holder_name": "罗静怡", "id_number": id_no("44011319841102242"), "birth_date": "1984-11-02",
            "address": "广州市番禺区大北路193号2座1104房"}
    prop = {"owner": entity, "premises_address": address, "area": 210.0,
            "certificate_no": "粤（2016）广州市不动产权第07215583号"}
    people = ("何伟明", "梁秀英", "罗静怡")
    img = "扫描件/page_{n:03d}.jpg"
    doc_list = [
        docs.application_form(form, [Scan(skew=0.7, photo=True), Scan(seals=(seal_of(entity, *FORM_SEAL),), skew=-0.5)],
                              font="kai", box_style="box", date_text="2019年6月3日", reg_style="dot", size=11),
        docs.legal_person_certificate(cert, Scan(rotation=90, seal_over_text=True,
                                                      seals=(Seal(0.78, 0.80, cert["issuing_authority"], 0.1), seal_of(entity, *COPY_SEAL))),
                                      scope="政策宣传、企业培训、信息交流、咨询服务、组织考察", supervisor="广州市番禺区工商业联合会"),
        docs.diploma(head, Scan(skew=1.2), sex="女", start="2002-09-01", president="李元元", font="song"),
        docs.id_card(card, Scan(blur=0.7), sex="女", police="广州市公安局番禺分局", validity="2016.05.11-2036.05.11"),
        docs.diploma(staff, Scan(photo=True), sex="男", start="2010-09-01", president="何友义"),
        docs.qualification_certificate(qual, Scan(skew=-0.9, grey=True), sex="男", id_number=staff_id),
        docs.property_certificate(prop, Scan(seals=(Seal(0.72, 0.82, "广州市不动产登记局", 0.09),), skew=0.4),
                                  unit_no="440113003012GB00107F00080001", registered="2016-08-19"),
        docs.balance_sheet(entity, sheet, Scan(rotation=270), people=people, font="kai"),
        docs.income_statement(entity, income, Scan(skew=0.6, blur=0.5), people=people, font="kai"),
        docs.service_record("2018年番禺区小微企业融资对接会签到表", "2018年11月6日", "番禺商会大厦2楼多功能厅", entity,
                            [("广州市番禺区兴达五金制品厂", "陈卓", "13711056623"), ("广州南沙鑫源贸易有限公司", "黄颖", "13802930017"),
                             ("广州市番禺区乐美服饰有限公司", "梁宇", "15989201174")], Scan(skew=-0.5)),
    ]
    for doc in doc_list:
        doc.file = img
    return Packet("hm-clean-panyu", "2019-06-10", "番禺区", "none", form, doc_list)


def baiyun() -> Packet:
    """Problems: form registration date ≠ licence; the lease ended before submission; balance sheet unbalanced."""
    entity, code = "广州白云云港物流园管理有限公司", credit("91440111MA5AK7R3Y")
    address = "广州市白云区太和镇云港大道88号云港物流园A栋3楼"
    sheet = BalanceSheet(41875230.46, 23518904.12, 18356326.34, 42055230.46)
    income = IncomeStatement(22930416.80)
    form = _form_base(entity_name=entity, office_address=address, entity_category="logistics_park",
                      industry="电子商务与现代物流", registration_date="2011-08-16", entity_nature="民营企业",
                      legal_representative="邝国华", registered_address=address, postal_code="510540",
                      contact_name="周文斌", contact_phone="020-37236610/13512780346", contact_email="zhouwb@yungang-wl.com",
                      park_opening="2011-12", enterprises_served=143, station_name="广州市中小企业服务站（白云云港物流园）",
                      staff_fulltime=1, staff_fulltime_qualified=1, staff_parttime=2, station_area=96.0,
                      station_address=address, station_head="周文斌", station_head_phone="13512780346",
                      station_head_email="zhouwb@yungang-wl.com", station_head_education="college_or_bachelor",
                      **docs.form_figures(sheet, income, {"service_revenue_2017": 15320800.0, "taxes_paid_2017": 933600.0,
                                                          "smes_served_2017": 121, "service_revenue_2018": 17645900.0,
                                                          "taxes_paid_2018": 1021700.0, "smes_served_2018": 143}),
                      credit_code=code)
    licence = {"credit_code": code, "entity_name": entity, "entity_type": "有限责任公司（法人独资）",
               "legal_representative": "邝国华", "registered_capital": 20000000.0, "registration_date": "2010-08-16",
               "term_start": "2010-08-16", "registered_address": address,
               "issuing_authority": "广州市白云区市场监督管理局", "issue_date": "2018-03-02"}
    head = {"holder_name": "周文斌", "birth_date": "1982-09-05", "school": "广东工业大学", "major": "物流管理",
            "education_level": "bachelor", "graduation_date": "2005-06-30", "certificate_no": "118450200505002264"}
    title = {"holder_name": "周文斌", "title": "助理经济师", "title_level": "junior", "issue_date": "2009-10-15",
             "certificate_no": "粤初职2009118342", "issuing_authority": "广州市人力资源和社会保障局"}
    card = {"holder_name": "周文斌", "id_number": id_no("44011119820905181"), "birth_date": "1982-09-05",
            "address": "广州市白云区同和街蟾蜍石东路25号1102房"}
    lease = {"lessor": "广州市白云区太和镇云港经济联合社", "lessee": entity, "premises_address": address, "area": 96.0,
             "term_start": "2016-04-01", "term_end": "2019-03-31", "monthly_rent": 14400.0, "signing_date": "2016-03-20"}
    people = ("邝国华", "谭美玲", "黎晓")
    part1, part2 = "part1.pdf", "part2.pdf"
    doc_list = [
        docs.cover(entity, "白云区", "周文斌 13512780346", "2019年6月", Scan(rotation=180), font="kai"),
        docs.application_form(form, [Scan(skew=0.9, blur=0.5), Scan(seals=(seal_of(entity, *FORM_SEAL),))],
                              font="song", box_style="paren", date_text="2019年6月17日", size=10),
        docs.business_license(licence, Scan(photo=True, seal_over_text=True,
                                              seals=(Seal(*LICENCE_SEAL, licence["issuing_authority"], 0.1), seal_of(entity, *COPY_SEAL))),
                              scope="物流园区管理服务；仓储服务（不含危险化学品）；场地租赁；物业管理。", font="kai"),
        docs.diploma(head, Scan(skew=-0.7), sex="男", start="2001-09-01", president="陈新"),
        docs.title_certificate(title, Scan(blur=0.9), sex="男", birth=head["birth_date"], employer=entity, font="kai"),
        docs.id_card(card, Scan(skew=1.5, grey=True), sex="男", police="广州市公安局白云分局", validity="2012.02.17-2032.02.17"),
        docs.lease(lease, [Scan(skew=-0.5), Scan(rotation=90), Scan(seals=(seal_of(lease["lessor"], 0.30, 0.42),
                                                                           seal_of(entity, 0.72, 0.42)))],
                   contract_no="YG-ZL-2016-032", phones=("020-86049921", "13512780346"), font="kai", size=12.5),
        docs.balance_sheet(entity, sheet, Scan(skew=-0.4), people=people),
        docs.income_statement(entity, income, Scan(photo=True), people=people),
        docs.service_record("云港物流园入园企业服务台账（2018年第四季度）", "2018年10月—12月", "云港物流园服务中心", entity,
                            [("广州速运达供应链有限公司", "马骏", "13826419905"), ("广州市白云区顺通货运代理部", "杨帆", "13632278841")],
                            Scan(skew=0.8), font="kai"),
    ]
    for doc in doc_list:
        doc.file = part2 if doc.doc_type in ("lease_contract", "balance_sheet", "income_statement", "service_record") else part1
    return Packet("hm-problems-baiyun", "2019-06-20", "白云区", "xlsx", form, doc_list, findings=[
        {"code": "field_mismatch", "severity": "error", "field": "registration_date"},
        {"code": "premises_not_covered", "severity": "error", "field": "term_end"},
        {"code": "balance_sheet_unbalanced", "severity": "warning", "field": "total_assets"},
    ], planted=[
        "field_mismatch: form registration_date says 2011-08-16 but the licence says 2010-08-16",
        "premises_not_covered: the lease ended on 2019-03-31, before the submission on 2019-06-20",
        "balance_sheet_unbalanced: 资产总计 42,055,230.46 ≠ 负债和所有者权益总计 41,875,230.46",
    ])


def haizhu() -> Packet:
    """Problems: bad credit-code check character (licence and form), unsealed application form, bad ID check digit."""
    entity = "广州市海珠区琶洲数字创意产业园有限公司"
    code = broken(credit("91440105MA5CQ1H2W"))
    address = "广州市海珠区阅江中路688号琶洲创意中心B座9楼"
    sheet = BalanceSheet(19640827.35, 7733019.48, 11907807.87, 19640827.35)
    income = IncomeStatement(9784215.60)
    form = _form_base(entity_name=entity, office_address=address, entity_category="cultural_creative_park",
                      industry="文化创意与设计服务", registration_date="2015-10-22", entity_nature="民营企业",
                      legal_representative="梁振宇", registered_address=address, postal_code="510335",
                      contact_name="郑雅琪", contact_phone="020-89617723/15017329468", contact_email="zhengyq@pzdigital.cn",
                      park_opening="2016-05", enterprises_served=57, station_name="广州市中小企业服务站（琶洲数字创意产业园）",
                      staff_fulltime=2, staff_fulltime_qualified=2, staff_parttime=1, station_area=128.5,
                      station_address=address, station_head="吴家豪", station_head_phone="13928871043",
                      station_head_email="wujh@pzdigital.cn", station_head_education="postgraduate",
                      **docs.form_figures(sheet, income, {"service_revenue_2017": 6921400.0, "taxes_paid_2017": 388200.0,
                                                          "smes_served_2017": 41, "service_revenue_2018": 8107700.0,
                                                          "taxes_paid_2018": 452900.0, "smes_served_2018": 57}),
                      credit_code=code)
    licence = {"credit_code": code, "entity_name": entity, "entity_type": "有限责任公司（自然人投资或控股）",
               "legal_representative": "梁振宇", "registered_capital": 8000000.0, "registration_date": "2015-10-22",
               "term_start": "2015-10-22", "registered_address": address,
               "issuing_authority": "广州市海珠区市场监督管理局", "issue_date": "2018-07-09"}
    head = {"holder_name": "吴家豪", "birth_date": "1983-02-27", "school": "暨南大学", "major": "产业经济学",
            "education_level": "doctor", "graduation_date": "2012-06-30", "certificate_no": "105591201202000318"}
    title = {"holder_name": "郑雅琪", "title": "工艺美术师", "title_level": "intermediate", "issue_date": "2017-12-26",
             "certificate_no": "粤中职2017204471", "issuing_authority": "广东省人力资源和社会保障厅"}
    bad_id = broken(id_no("44010519900518442"))
    card = {"holder_name": "郑雅琪", "id_number": bad_id, "birth_date": "1990-05-18",
            "address": "广州市海珠区江南大道中128号5栋1703房"}
    lease = {"lessor": "广州琶洲投资开发有限公司", "lessee": entity, "premises_address": address, "area": 128.5,
             "term_start": "2018-07-01", "term_end": "2021-06-30", "monthly_rent": 30840.0, "signing_date": "2018-06-12"}
    people = ("梁振宇", "何敏仪", "郑雅琪")
    doc_list = [
        docs.cover(entity, "海珠区", "郑雅琪 15017329468", "2019年6月", Scan(skew=-0.3), font="kai"),
        docs.application_form(form, [Scan(skew=0.3), Scan(skew=-0.8)], font="kai", box_style="box",
                              date_text="2019年6月12日", size=11),
        docs.business_license(licence, Scan(skew=-1.0, seal_over_text=True,
                                              seals=(Seal(*LICENCE_SEAL, licence["issuing_authority"], 0.1), seal_of(entity, *COPY_SEAL))),
                              scope="文化创意园区管理；数字内容服务；会议及展览服务；房屋租赁。"),
        docs.diploma(head, Scan(blur=0.8, grey=True), sex="男", start="2009-09-01", president="胡军", font="song"),
        docs.title_certificate(title, Scan(photo=True), sex="女", birth=card["birth_date"], employer=entity),
        docs.id_card(card, Scan(skew=0.6), sex="女", police="广州市公安局海珠分局", validity="2014.10.08-2034.10.08"),
        docs.lease(lease, [Scan(skew=0.6), Scan(skew=0.2), Scan(seals=(seal_of(lease["lessor"], 0.30, 0.42),
                                                                       seal_of(entity, 0.72, 0.42)))],
                   contract_no="PZTZ-ZL-2018-0615", phones=("020-89230018", "15017329468")),
        docs.balance_sheet(entity, sheet, Scan(rotation=90), people=people, font="kai"),
        docs.income_statement(entity, income, Scan(skew=-0.6), people=people),
        docs.service_record("2018年“琶洲数创沙龙”活动签到表", "2018年12月7日", "琶洲创意中心B座路演厅", entity,
                            [("广州光域动画设计有限公司", "苏晴", "13570860214"), ("广州市拾光影视传媒有限公司", "叶辰", "13802540988"),
                             ("广州墨点交互科技有限公司", "莫凡", "18826113079")], Scan(blur=0.6)),
    ]
    for doc in doc_list:
        doc.file = "申请材料扫描.pdf"
    return Packet("hm-problems-haizhu", "2019-06-14", "海珠区", "docx", form, doc_list, findings=[
        {"code": "invalid_credit_code", "severity": "warning", "field": "credit_code"},
        {"code": "invalid_id_number", "severity": "warning", "field": "id_number"},
        {"code": "missing_seal", "severity": "warning", "field": None},
    ], planted=[
        f"invalid_credit_code: {code} (wrong check character) on both the licence and the form",
        f"invalid_id_number: {bad_id} (wrong check digit) on 郑雅琪's ID card",
        "missing_seal: the application_form copy carries no applicant seal",
    ])


def all_packets() -> list[Packet]:
    packets = [tianhe(), panyu(), baiyun(), haizhu()]
    for packet in packets:
        for doc in packet.documents:
            doc.file = doc.file or "申报材料.pdf"
    return packets
