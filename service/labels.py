"""Chinese labels for the reviewer pages; unknown names fall back to the name itself."""

from __future__ import annotations

DOC_TYPE_LABEL = {
    "application_form": "申请表",
    "business_license": "营业执照",
    "legal_person_certificate": "法人证书",
    "diploma": "学历证书",
    "title_certificate": "职称证书",
    "qualification_certificate": "资格证书",
    "id_card": "身份证",
    "lease_contract": "租赁合同",
    "property_certificate": "产权证书",
    "balance_sheet": "资产负债表",
    "income_statement": "利润表",
    "cash_flow_statement": "现金流量表",
    "service_record": "服务证明材料",
    "other": "其他",
}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_LABEL = {"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "处理失败"}
REVIEW_LABEL = {"pending": "待审核", "recommended": "推荐", "returned": "退回"}
VERDICT_LABEL = {
    "confirmed": "确认",
    "dismissed": "驳回",
    "recommended": "推荐",
    "returned": "退回",
    "pending": "重新审核",
}
ROLE_LABEL = {"officer": "区经办人", "reviewer": "市级审核人", "admin": "管理员"}
ACTION_LABEL = {
    "uploaded": "上传",
    "upload_duplicate": "重复上传",
    "processed": "处理完成",
    "processing_failed": "处理失败",
    "finding_confirmed": "确认问题",
    "finding_dismissed": "驳回问题",
    "submission_recommended": "推荐",
    "submission_returned": "退回",
    "submission_pending": "重新审核",
    "login": "登录",
    "summary_exported": "导出汇总表",
}
FIELD_LABEL = {
    "entity_name": "名称",
    "office_address": "办公地址",
    "entity_category": "类型",
    "industry": "行业",
    "registration_date": "注册日期",
    "entity_nature": "单位性质",
    "legal_representative": "法人代表",
    "registered_address": "注册地址",
    "postal_code": "邮编",
    "credit_code": "统一社会信用代码",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "contact_email": "电子邮箱",
    "park_opening": "开园时间",
    "enterprises_served": "服务企业数",
    "station_name": "服务站名称",
    "staff_fulltime": "专职人数",
    "staff_fulltime_qualified": "专职人员中大专或中级职称以上人数",
    "staff_parttime": "兼职人数",
    "station_area": "服务站面积",
    "station_address": "服务站地址",
    "station_head": "服务站负责人",
    "station_head_phone": "负责人电话",
    "station_head_email": "负责人邮箱",
    "station_head_education": "负责人学历",
    "entity_type": "类型",
    "registered_capital": "注册资本",
    "term_start": "起始日期",
    "term_end": "终止日期",
    "issuing_authority": "发证机关",
    "issue_date": "发证日期",
    "holder_name": "持证人",
    "birth_date": "出生日期",
    "school": "学校",
    "major": "专业",
    "education_level": "学历",
    "graduation_date": "毕业日期",
    "certificate_no": "证书编号",
    "title": "职称",
    "title_level": "职称级别",
    "qualification": "资格",
    "id_number": "身份证号",
    "address": "住址",
    "lessor": "出租方",
    "lessee": "承租方",
    "premises_address": "房屋地址",
    "area": "面积",
    "monthly_rent": "月租金",
    "signing_date": "签订日期",
    "owner": "权利人",
    "period_end": "报表截止日",
    "period_start": "报表起始日",
    "total_assets": "资产总计",
    "total_liabilities": "负债合计",
    "total_equity": "所有者权益合计",
    "revenue": "营业收入",
    "total_profit": "利润总额",
    "income_tax": "所得税",
    "net_profit": "净利润",
}
# Enumerated field values (SPEC.md) as people write them.
VALUE_LABEL = {
    "science_park": "科技园区",
    "cultural_creative_park": "文化创意园区",
    "logistics_park": "物流园区",
    "eco_agriculture_park": "生态农业园区",
    "industrial_park": "工业园区",
    "software_park": "软件园区",
    "association": "商协会",
    "service_agency": "服务机构",
    "other": "其他",
    "junior_high_or_below": "初中及以下",
    "high_school": "高中",
    "college_or_bachelor": "大专或本科",
    "postgraduate": "研究生",
    "college": "大专",
    "bachelor": "本科",
    "master": "硕士",
    "doctor": "博士",
    "junior": "初级",
    "intermediate": "中级",
    "senior": "高级",
}
for _year in ("2017", "2018"):
    for _name, _label in (
        ("revenue", "营业收入"),
        ("service_revenue", "服务收入"),
        ("total_assets", "资产总额"),
        ("total_profit", "利润总额"),
        ("taxes_paid", "上缴税金"),
        ("smes_served", "服务中小微企业户数"),
    ):
        FIELD_LABEL[f"{_name}_{_year}"] = f"{_year} 年{_label}"


def label(table: dict[str, str], key: object) -> str:
    text = "" if key is None else str(key)
    return table.get(text, text)
