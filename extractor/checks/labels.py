"""Chinese names of document types and fields, so messages read the way a district officer speaks."""

from __future__ import annotations

from schemas.vocab import DocType

DOC_LABEL: dict[DocType, str] = {
    DocType.APPLICATION_FORM: "申请表",
    DocType.BUSINESS_LICENSE: "营业执照",
    DocType.LEGAL_PERSON_CERTIFICATE: "法人证书",
    DocType.DIPLOMA: "学历证书",
    DocType.TITLE_CERTIFICATE: "职称证书",
    DocType.QUALIFICATION_CERTIFICATE: "资格证书",
    DocType.ID_CARD: "身份证",
    DocType.LEASE_CONTRACT: "租赁合同",
    DocType.PROPERTY_CERTIFICATE: "房产证",
    DocType.BALANCE_SHEET: "资产负债表",
    DocType.INCOME_STATEMENT: "利润表",
    DocType.CASH_FLOW_STATEMENT: "现金流量表",
    DocType.SERVICE_RECORD: "服务证明材料",
    DocType.OTHER: "其他材料",
}

FIELD_LABEL: dict[str, str] = {
    "entity_name": "名称",
    "credit_code": "统一社会信用代码",
    "legal_representative": "法定代表人",
    "registration_date": "注册（成立）日期",
    "registered_address": "注册地址（住所）",
    "revenue_2018": "2018年营业收入",
    "total_profit_2018": "2018年利润总额",
    "total_assets_2018": "2018年资产总额",
    "revenue": "营业收入",
    "total_profit": "利润总额",
    "total_assets": "资产总计",
    "total_liabilities": "负债合计",
    "total_equity": "所有者权益合计",
    "income_tax": "所得税费用",
    "net_profit": "净利润",
    "station_area": "服务站面积",
    "area": "面积",
    "station_address": "服务站具体位置",
    "premises_address": "房屋地址",
    "staff_fulltime": "专职工作人员人数",
    "staff_fulltime_qualified": "大专或中级职称以上专职人员人数",
    "period_start": "报表起始日期",
    "period_end": "报表截止日期",
    "term_start": "起始日期",
    "term_end": "截止日期",
    "signing_date": "签订日期",
    "issue_date": "发证日期",
    "graduation_date": "毕业日期",
    "birth_date": "出生日期",
    "holder_name": "持证人姓名",
    "education_level": "学历层次",
    "title_level": "职称级别",
    "id_number": "身份证号码",
    "certificate_no": "证书编号",
}


def field_label(name: str) -> str:
    return FIELD_LABEL.get(name, name)


def doc_label(doc_type: DocType) -> str:
    return DOC_LABEL.get(doc_type, str(doc_type))
