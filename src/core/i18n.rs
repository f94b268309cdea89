//! Interface strings in both languages. Chinese outside the data lives only here.

use super::audit::{Rule, Status};
use super::model::{SourceRef, Lang, Metric, MilestoneEvent, Period, ProgrammeGroup, Qualifier};
use super::query::Problem;
use super::search::Field;
use super::sort::Column;

pub struct Texts {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub source_line: &'static str,
    pub filters: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub investment_range: &'static str,
    pub min: &'static str,
    pub max: &'static str,
    pub range_unit: &'static str,
    pub clear_all: &'static str,
    pub unstated: &'static str,
    pub projects_in_view: &'static str,
    pub total: &'static str,
    pub projects_unit: &'static str,
    pub no_match: &'static str,
    pub derived_mark: &'static str,
    pub derived_note: &'static str,
    pub audit_mark: &'static str,
    pub chart_sector_title: &'static str,
    pub chart_sector_label: &'static str,
    pub show_data: &'static str,
    pub chart_empty: &'static str,
    pub chart_hint: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub ignored_from_link: &'static str,
    pub dismiss: &'static str,
    pub close: &'static str,
    pub detail_figures: &'static str,
    pub col_metric: &'static str,
    pub col_value: &'static str,
    pub col_printed: &'static str,
    pub col_base: &'static str,
    pub col_source: &'static str,
    pub line: &'static str,
    pub company: &'static str,
    pub milestones: &'static str,
    pub themes: &'static str,
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_stated: &'static str,
    pub audit_computed: &'static str,
    pub programme_title: &'static str,
    pub programme_named_share: &'static str,
    pub load_error: &'static str,
    pub language: &'static str,
    pub sort_by: &'static str,
    pub ascending: &'static str,
    pub descending: &'static str,
    pub not_found: &'static str,
    pub no_amount: &'static str,
    pub n_projects: &'static str,
    pub download_png: &'static str,
    pub filter_none: &'static str,
    pub programme_share: &'static str,
    pub panic_message: &'static str,
    pub group: &'static str,
    pub scatter_measure: &'static str,
    pub export_title: &'static str,
    pub export_hint: &'static str,
    pub cite_title: &'static str,
    pub load_title: &'static str,
    pub load_hint: &'static str,
    pub load_pick: &'static str,
    pub load_template: &'static str,
    pub load_back: &'static str,
    pub load_busy: &'static str,
    pub load_failed: &'static str,
    pub file_unreadable: &'static str,
    pub loaded_file_notice: &'static str,
    pub file_needed_notice: &'static str,
    pub release_notice: &'static str,
    pub release_unknown_changes: &'static str,
    pub chart_district_title: &'static str,
    pub chart_district_label: &'static str,
    pub chart_district_hint: &'static str,
    pub chart_scatter_title: &'static str,
    pub chart_scatter_label: &'static str,
    pub chart_scatter_hint: &'static str,
    pub chart_timeline_title: &'static str,
    pub chart_timeline_label: &'static str,
    pub chart_timeline_hint: &'static str,
    /// The timeline draws only its earliest rows (`chart_data::TIMELINE_ROWS`).
    pub timeline_capped: &'static str,
    /// Some marks give a year alone and are drawn over a whisker across that year.
    pub timeline_years_alone: &'static str,
    pub chart_programme_title: &'static str,
    pub chart_programme_label: &'static str,
    pub chart_programme_hint: &'static str,
    pub col_jobs: &'static str,
    pub col_date: &'static str,
    pub col_share: &'static str,
    pub col_programme: &'static str,
    pub col_named: &'static str,
    pub open_full_view: &'static str,
    pub reset_view: &'static str,
    pub did_you_mean: &'static str,
    pub range_inverted: &'static str,
    pub swap_range: &'static str,
    pub matched_because: &'static str,
    pub empty_timeline: &'static str,
    pub empty_scatter_jobs: &'static str,
    pub empty_scatter_output: &'static str,
    pub empty_scatter_revenue: &'static str,
    pub programme_whole_list: &'static str,
    pub print_capped: &'static str,
    pub print_link: &'static str,
    pub skip_to_content: &'static str,
    pub active_filters: &'static str,
    pub remove_filter: &'static str,
    pub import_title: &'static str,
    pub import_starting: &'static str,
    pub import_reading: &'static str,
    pub import_parsed: &'static str,
    pub import_cancel: &'static str,
    pub import_confirm: &'static str,
    pub import_checked: &'static str,
    pub import_sheet: &'static str,
    pub import_header_at: &'static str,
    pub import_header_two: &'static str,
    pub import_unit: &'static str,
    pub import_unit_header: &'static str,
    pub import_unit_line: &'static str,
    pub import_unit_chosen: &'static str,
    pub import_unit_assumed: &'static str,
    pub import_columns: &'static str,
    pub import_col_column: &'static str,
    pub import_col_header: &'static str,
    pub import_col_field: &'static str,
    pub import_col_sample: &'static str,
    pub import_rows: &'static str,
    pub import_count_projects: &'static str,
    pub import_count_sections: &'static str,
    pub import_count_subtotals: &'static str,
    pub import_count_totals: &'static str,
    pub import_count_notes: &'static str,
    pub import_count_blank: &'static str,
    pub import_count_skipped: &'static str,
    pub import_skip_repeated: &'static str,
    pub import_skip_no_name: &'static str,
    pub import_row_at: &'static str,
    pub import_preview: &'static str,
    pub import_problems: &'static str,
    pub import_no_problems: &'static str,
    pub import_failed: &'static str,
    pub save_failed: &'static str,
    pub import_crashed: &'static str,
    pub import_timeout: &'static str,
    pub import_stale: &'static str,
    pub import_blocked: &'static str,
    pub import_blocking: &'static str,
    pub cell_table: &'static str,
    pub cell_position: &'static str,
    pub translit_mark: &'static str,
    pub total_row: &'static str,
    pub audit_difference: &'static str,
    pub import_translit_note: &'static str,
    pub save_dataset: &'static str,
    pub import_categories: &'static str,
    pub import_no_gbt: &'static str,
    pub import_use_gbt: &'static str,
    pub lists_label: &'static str,
    pub lists_builtin: &'static str,
    pub lists_loading: &'static str,
    pub lists_none: &'static str,
    pub lists_failed: &'static str,
    pub lists_compare: &'static str,
    pub lists_compare_hint: &'static str,
    pub list_opening: &'static str,
    pub search_all_lists: &'static str,
    pub search_all_loading: &'static str,
    pub search_all_none: &'static str,
    pub search_all_more: &'static str,
    pub search_all_failed: &'static str,
    pub search_all_title: &'static str,
    pub compare_title: &'static str,
    pub compare_loading: &'static str,
    pub compare_close: &'static str,
    pub compare_new: &'static str,
    pub compare_carried: &'static str,
    pub compare_dropped: &'static str,
    pub compare_before: &'static str,
    pub compare_now: &'static str,
    pub compare_change: &'static str,
    pub compare_status: &'static str,
    pub compare_matched_name: &'static str,
    pub compare_changed: &'static str,
    pub compare_chart_title: &'static str,
    pub compare_chart_label: &'static str,
    pub compare_hint: &'static str,
    pub compare_shown: &'static str,
    pub compare_download: &'static str,
    pub compare_all: &'static str,
    pub compare_chart_hint: &'static str,
}

pub const ZH: Texts = Texts {
    title: "通辽市2022年重大项目浏览器",
    subtitle: "按行业、旗县区、阶段筛选项目；链接即视图，可直接分享。",
    source_line: "数据来源：报纸版面《2022年重大项目亮点》（通辽市），逐项标注原文位置。",
    filters: "筛选",
    search: "搜索",
    search_placeholder: "项目名称或企业（中英文）",
    investment_range: "总投资",
    min: "最低",
    max: "最高",
    range_unit: "亿元",
    clear_all: "清除全部筛选",
    unstated: "未注明",
    projects_in_view: "当前项目",
    total: "合计",
    projects_unit: "个项目",
    no_match: "没有符合条件的项目。",
    derived_mark: "（推算）",
    derived_note: "原文未给出总额，为各期投资之和。",
    audit_mark: "数据存疑",
    chart_sector_title: "各行业投资额",
    chart_sector_label: "柱状图：当前筛选下各行业（国民经济行业分类门类）的投资总额。点击柱条可筛选该行业。",
    show_data: "显示数据表",
    chart_empty: "当前筛选下没有可绘制的投资数据。",
    chart_hint: "点击柱条以按行业筛选",
    count: "项目数",
    share: "复制链接",
    ignored_from_link: "链接中以下内容无法识别，已忽略：",
    dismiss: "关闭",
    close: "返回列表",
    detail_figures: "全部数据",
    col_metric: "指标",
    col_value: "数值",
    col_printed: "原文写法",
    col_base: "基本单位值",
    col_source: "出处",
    line: "第{}行",
    company: "建设单位",
    milestones: "时间节点",
    themes: "主题",
    audit_title: "一致性核查",
    audit_intro: "以下核查由数据自动计算，原文数字保持不变。",
    audit_stated: "原文",
    audit_computed: "推算",
    programme_title: "全市计划总览",
    programme_named_share: "本页列出的项目投资合计",
    load_error: "数据无法加载",
    language: "语言",
    sort_by: "排序",
    ascending: "升序",
    descending: "降序",
    not_found: "未找到",
    no_amount: "未披露金额",
    n_projects: "{}个项目",
    download_png: "下载PNG图片",
    filter_none: "全部项目（未筛选）",
    programme_share: "本页列出的项目投资合计{named}，占全市重点项目总投资{total}的{pct}%（推算：合计÷总投资）。",
    group: "分组",
    scatter_measure: "纵轴",
    export_title: "导出当前视图",
    export_hint: "导出表格中当前显示的全部项目（按当前排序），同时包含基本单位数值与原文写法。",
    cite_title: "引用此视图",
    load_title: "加载其他地区的项目清单",
    load_hint: "选择或拖入各地公布的项目表（Excel 工作簿 .xlsx/.xls/.ods，或 CSV/TSV，GBK 或 UTF-8 均可），或本工具导出的 CSV/JSON；文件只在本浏览器中解析，不会上传。",
    load_pick: "选择文件",
    load_template: "下载CSV模板",
    load_back: "返回内置数据",
    load_busy: "正在读取……",
    load_failed: "文件未加载，当前数据保持不变：",
    file_unreadable: "无法读取该文件",
    loaded_file_notice: "当前显示的是加载的文件“{}”，而非内置数据。",
    file_needed_notice: "此链接的视图基于文件“{}”，需先在下方加载该文件才能看到相同视图。",
    release_notice: "此链接基于数据版本 {from}，当前为 {to}。此后影响当前视图的修改：",
    release_unknown_changes: "无法确定版本 {from} 之后的修改（未知版本）。",
    chart_district_title: "各旗县区投资分布",
    chart_district_label: "示意图：通辽市九个旗县区按大致地理位置排列，颜色表示当前筛选下的投资额，格内为项目数。点击方块可按旗县区筛选。",
    chart_district_hint: "点击方块以按旗县区筛选（示意位置，非实际边界）",
    chart_scatter_title: "投资与{}",
    chart_scatter_label: "散点图：每个点是一个同时给出投资额和就业人数的项目。点击点可打开项目详情。",
    chart_scatter_hint: "点击圆点打开项目详情；空心点的投资额为推算值",
    chart_timeline_title: "时间节点",
    chart_timeline_label: "时间轴：各项目的开工、投产、建成计划时间（{first}—{last}年）。点击一行可打开项目详情。",
    chart_timeline_hint: "点击一行打开项目详情",
    timeline_capped: "图中只画出最早的 {shown} 个，共 {dated} 个项目有计划日期；表格列出全部项目。",
    timeline_years_alone: "横跨一年的短线表示来源只给出年份。",
    chart_programme_title: "计划覆盖度",
    chart_programme_label: "条形图：本页列出的项目投资占全市各项计划投资的比例。点击条形可按对应主题筛选。",
    chart_programme_hint: "点击条形以按对应主题筛选（如新能源）",
    col_jobs: "就业",
    col_date: "时间",
    col_share: "占比",
    col_programme: "计划数",
    col_named: "已列出项目",
    open_full_view: "打开完整浏览器 ↗",
    panic_message: "页面出现内部错误，当前视图无法继续显示。",
    reset_view: "重置视图",
    did_you_mean: "是否要找 {}？",
    range_inverted: "最低投资额 {min} 高于最高投资额 {max}，没有项目能同时满足。",
    swap_range: "交换上下限",
    matched_because: "匹配：{}",
    empty_timeline: "当前筛选下没有项目给出计划日期。",
    empty_scatter_jobs: "当前筛选下没有项目同时给出投资额与就业人数。",
    empty_scatter_output: "当前筛选下没有项目同时给出投资额与年产值。",
    empty_scatter_revenue: "当前筛选下没有项目同时给出投资额与年销售收入。",
    programme_whole_list: "以下为原文公布的全市计划数，覆盖整份名单，不随筛选变化。",
    print_capped: "此处仅列出前 {shown} 个项目（共 {total} 个）；全部项目请用“数据工具”下载 CSV。",
    print_link: "本视图链接：{}",
    skip_to_content: "跳到图表和表格",
    active_filters: "当前筛选",
    remove_filter: "移除筛选：{}",
    import_title: "核对导入",
    import_starting: "正在启动导入程序……",
    import_reading: "正在读取 {bytes}……",
    import_parsed: "已读取 {rows} 行，正在识别……",
    import_cancel: "取消",
    import_confirm: "确认导入",
    import_checked: "我已核对各列的对应关系和单位",
    import_sheet: "工作表",
    import_header_at: "表头在第 {row} 行",
    import_header_two: "表头在第 {row}–{next} 行（两行表头）",
    import_unit: "金额单位",
    import_unit_header: "取自表头",
    import_unit_line: "取自表头上方的单位行",
    import_unit_chosen: "由您选择",
    import_unit_assumed: "未写明，暂按此单位",
    import_columns: "各列",
    import_col_column: "列",
    import_col_header: "表头",
    import_col_field: "对应",
    import_col_sample: "示例",
    import_rows: "各行",
    import_count_projects: "项目",
    import_count_sections: "分组行",
    import_count_subtotals: "小计行",
    import_count_totals: "合计行",
    import_count_notes: "注释行",
    import_count_blank: "空行",
    import_count_skipped: "跳过的行",
    import_skip_repeated: "重复的表头",
    import_skip_no_name: "没有项目名称",
    import_row_at: "第 {row} 行",
    import_preview: "前几行导入后的样子",
    import_problems: "问题",
    import_no_problems: "没有发现问题。",
    import_failed: "无法导入",
    save_failed: "无法保存数据集文件",
    import_crashed: "导入程序意外停止（可能是文件损坏或过大）；当前数据未改变。",
    import_timeout: "导入超过 {seconds} 秒仍未完成，已停止；当前数据未改变。",
    import_stale: "导入程序版本与页面不一致（浏览器缓存了旧文件）；请刷新页面后重试。",
    import_blocked: "需要先解决上面标为必须处理的问题。",
    import_blocking: "必须处理",
    cell_table: "原表各单元格",
    cell_position: "位置",
    translit_mark: "（拼音）",
    total_row: "印出的行",
    audit_difference: "差额",
    import_translit_note: "英文名为拼音音译",
    save_dataset: "保存为数据集文件（JSON）",
    import_categories: "类别与国标门类（GB/T 4754）",
    import_no_gbt: "名称不足以对应某一门类",
    import_use_gbt: "按以上建议的国标门类归类（原类别名称保留）",
    lists_label: "清单",
    lists_builtin: "内置",
    lists_loading: "正在读取已发布的清单…",
    lists_none: "此站点没有发布其他清单。",
    lists_failed: "无法读取清单目录：{}",
    lists_compare: "对比",
    lists_compare_hint: "与当前清单对比",
    list_opening: "正在打开清单“{}”…",
    search_all_lists: "搜索全部清单",
    search_all_loading: "正在读取全部清单的项目名称…",
    search_all_none: "任何清单中都没有名称包含这些字词的项目。",
    search_all_more: "另有{}个项目，打开该清单可见。",
    search_all_failed: "无法读取全部清单的项目名称：{}",
    search_all_title: "全部清单中的搜索结果",
    compare_title: "与“{}”对比的变化",
    compare_loading: "正在打开对比的清单“{}”…",
    compare_close: "关闭对比",
    compare_new: "新增",
    compare_carried: "延续",
    compare_dropped: "移出",
    compare_before: "对比清单",
    compare_now: "当前清单",
    compare_change: "变化",
    compare_status: "状态",
    compare_matched_name: "按名称与旗县区匹配",
    compare_changed: "其中{}个项目金额有变化",
    compare_chart_title: "按状态的投资：对比清单与当前清单",
    compare_chart_label: "横条图：新增、延续（对比清单与当前清单）和移出项目的投资合计。",
    compare_hint: "项目先按编号匹配，再按名称加旗县区匹配；筛选同时作用于两份清单。",
    compare_shown: "显示{shown}个，共{total}个变化；下载可得全部。",
    compare_download: "下载对比（CSV）",
    compare_all: "全部",
    compare_chart_hint: "点击柱条，表格只列出该状态的项目",
};

pub const EN: Texts = Texts {
    title: "Tongliao 2022 Major Projects Explorer",
    subtitle: "Filter projects by sector, district and stage. The address bar is the view: share it as it is.",
    source_line: "Source: newspaper page “2022 major project highlights” (Tongliao); every figure cites its line.",
    filters: "Filters",
    search: "Search",
    search_placeholder: "Project or company (Chinese or English)",
    investment_range: "Total investment",
    min: "Min",
    max: "Max",
    range_unit: "CNY bn",
    clear_all: "Clear all filters",
    unstated: "Not stated",
    projects_in_view: "Projects in view",
    total: "Total",
    projects_unit: "projects",
    no_match: "No project matches these filters.",
    derived_mark: " (derived)",
    derived_note: "The source gives no total; this is the sum of the phases.",
    audit_mark: "Audit flag",
    chart_sector_title: "Investment by sector",
    chart_sector_label: "Bar chart: total investment per sector (GB/T 4754 section) for the current filter. Click a bar to filter by that sector.",
    show_data: "Show data table",
    chart_empty: "Nothing to plot: no investment figures under this filter.",
    chart_hint: "Click a bar to filter by sector",
    count: "Projects",
    share: "Copy link",
    ignored_from_link: "Parts of this link were not understood and were ignored:",
    dismiss: "Dismiss",
    close: "Back to list",
    detail_figures: "All figures",
    col_metric: "Metric",
    col_value: "Value",
    col_printed: "As printed",
    col_base: "Base units",
    col_source: "Source",
    line: "line {}",
    company: "Developer",
    milestones: "Milestones",
    themes: "Themes",
    audit_title: "Consistency audit",
    audit_intro: "Computed from the data; the printed figures are never altered.",
    audit_stated: "Printed",
    audit_computed: "Computed",
    programme_title: "City-wide programme",
    programme_named_share: "Projects named on the page add up to",
    load_error: "The data could not be loaded",
    language: "Language",
    sort_by: "Sort",
    ascending: "ascending",
    descending: "descending",
    not_found: "not found",
    no_amount: "no amount stated",
    n_projects: "{} projects",
    download_png: "Download PNG",
    filter_none: "All projects (no filter)",
    programme_share: "The projects named on this page add up to {named}: {pct}% of the programme's {total} (derived: sum ÷ total).",
    group: "Group",
    scatter_measure: "Vertical axis",
    export_title: "Export this view",
    export_hint: "Every project in the table as shown (current order), with base-unit values beside the printed strings.",
    cite_title: "Cite this view",
    load_title: "Load another region's list",
    load_hint: "Pick or drop a project list as offices publish it (an Excel workbook, .xlsx/.xls/.ods, or CSV/TSV in GBK or UTF-8), or a CSV/JSON file this tool saved. It is read in this browser and never uploaded.",
    load_pick: "Choose a file",
    load_template: "Download the CSV template",
    load_back: "Back to the built-in data",
    load_busy: "Reading…",
    load_failed: "The file was not loaded; the current data stays:",
    file_unreadable: "The file could not be read",
    loaded_file_notice: "Showing the loaded file “{}”, not the built-in data.",
    file_needed_notice: "This link's view was made with the file “{}”: load it below to see the same view.",
    release_notice: "This link was made with data release {from}; this is {to}. Changes since then that touch this view:",
    release_unknown_changes: "Changes since release {from} are unknown (not in the changelog).",
    chart_district_title: "Investment by district",
    chart_district_label: "Schematic map: Tongliao's nine county-level areas, laid out roughly as they lie. Colour shows investment under the current filter; each tile shows its project count. Click a tile to filter by district.",
    chart_district_hint: "Click a tile to filter by district (schematic positions, not boundaries)",
    chart_scatter_title: "Investment vs {}",
    chart_scatter_label: "Scatter plot: one point per project that states both investment and jobs. Click a point to open the project.",
    chart_scatter_hint: "Click a point to open the project; hollow points have a derived investment",
    chart_timeline_title: "Timeline",
    chart_timeline_label: "Timeline: each project's planned start, production and completion dates, {first}–{last}. Click a row to open the project.",
    chart_timeline_hint: "Click a row to open the project",
    timeline_capped: "Only the {shown} earliest are drawn, of {dated} projects with dates; the table lists every project.",
    timeline_years_alone: "A line across a year: the source gives the year only.",
    chart_programme_title: "How much of the plan is itemised",
    chart_programme_label: "Bar chart: the investment of the projects named on this page as a share of each programme figure. Click a bar to filter by its theme.",
    chart_programme_hint: "Click a bar to filter by its theme (e.g. new energy)",
    col_jobs: "Jobs",
    col_date: "Date",
    col_share: "Share",
    col_programme: "Programme",
    col_named: "Named projects",
    open_full_view: "Open the full explorer ↗",
    panic_message: "The page hit an internal error and cannot go on showing this view.",
    reset_view: "Reset the view",
    did_you_mean: "did you mean {}?",
    range_inverted: "The minimum investment, {min}, is above the maximum, {max}: no project can meet both.",
    swap_range: "Swap them",
    matched_because: "Matches: {}",
    empty_timeline: "Nothing to plot: no project in view states a planned date.",
    empty_scatter_jobs: "Nothing to plot: no project in view states both an investment and jobs.",
    empty_scatter_output: "Nothing to plot: no project in view states both an investment and annual output.",
    empty_scatter_revenue: "Nothing to plot: no project in view states both an investment and annual sales revenue.",
    programme_whole_list: "These are the city-wide programme figures as printed: they cover the whole list and do not follow the filter.",
    print_capped: "The first {shown} of {total} projects are listed here; download the CSV (data tools) for all of them.",
    print_link: "Link to this view: {}",
    skip_to_content: "Skip to charts and table",
    active_filters: "Active filters",
    remove_filter: "Remove filter: {}",
    import_title: "Review the import",
    import_starting: "Starting the importer…",
    import_reading: "Reading {bytes}…",
    import_parsed: "Read {rows} rows; finding the header…",
    import_cancel: "Cancel",
    import_confirm: "Load this list",
    import_checked: "I have checked the columns and the unit",
    import_sheet: "Sheet",
    import_header_at: "Header on row {row}",
    import_header_two: "Header on rows {row}–{next} (two rows)",
    import_unit: "Amount unit",
    import_unit_header: "from the header",
    import_unit_line: "from the unit line above the header",
    import_unit_chosen: "your choice",
    import_unit_assumed: "not stated; assumed",
    import_columns: "Columns",
    import_col_column: "Column",
    import_col_header: "Header",
    import_col_field: "Read as",
    import_col_sample: "Sample",
    import_rows: "Rows",
    import_count_projects: "projects",
    import_count_sections: "section rows",
    import_count_subtotals: "subtotal rows",
    import_count_totals: "total rows",
    import_count_notes: "note rows",
    import_count_blank: "blank rows",
    import_count_skipped: "skipped rows",
    import_skip_repeated: "the header repeated",
    import_skip_no_name: "no project name",
    import_row_at: "Row {row}",
    import_preview: "The first rows as they will appear",
    import_problems: "Problems",
    import_no_problems: "No problems found.",
    import_failed: "Cannot import this file",
    save_failed: "Could not save the dataset file",
    import_crashed: "The importer stopped unexpectedly (the file may be damaged or too large); the current data is unchanged.",
    import_timeout: "The import took longer than {seconds} s and was stopped; the current data is unchanged.",
    import_stale: "The importer's version does not match this page (the browser cached an old file); reload the page and try again.",
    import_blocked: "Resolve the problems marked as blocking first.",
    import_blocking: "blocking",
    cell_table: "Every cell of the source row",
    cell_position: "Position",
    translit_mark: " (pinyin)",
    total_row: "Printed row",
    audit_difference: "Difference",
    import_translit_note: "English name transliterated from pinyin",
    save_dataset: "Save as dataset file (JSON)",
    import_categories: "Categories and GB/T 4754 sections",
    import_no_gbt: "no single section fits the name",
    import_use_gbt: "Classify them by the suggested GB/T sections (the list's category names are kept)",
    lists_label: "Lists",
    lists_builtin: "built in",
    lists_loading: "Loading the published lists…",
    lists_none: "This site publishes no other lists.",
    lists_failed: "The list of lists could not be read: {}",
    lists_compare: "compare",
    lists_compare_hint: "compare with the list shown",
    list_opening: "Opening the list “{}”…",
    search_all_lists: "Search all lists",
    search_all_loading: "Loading every list's project names…",
    search_all_none: "No project name in any list has these words.",
    search_all_more: "{} more; open the list to see them.",
    search_all_failed: "The lists' project names could not be read: {}",
    search_all_title: "Results in every list",
    compare_title: "Changes against “{}”",
    compare_loading: "Opening “{}” to compare with…",
    compare_close: "Close the comparison",
    compare_new: "New",
    compare_carried: "Carried over",
    compare_dropped: "Dropped",
    compare_before: "compared list",
    compare_now: "this list",
    compare_change: "Change",
    compare_status: "Status",
    compare_matched_name: "matched by name and district",
    compare_changed: "{} of them with a changed amount",
    compare_chart_title: "Investment by status: compared list and this list",
    compare_chart_label: "Bar chart: the investment of new projects, of carried-over ones (in the compared list and in this one) and of dropped ones.",
    compare_hint: "Projects are matched by id, else by name plus district; the filters apply to both lists.",
    compare_shown: "Showing {shown} of {total}; the download has them all.",
    compare_download: "Download the changes (CSV)",
    compare_all: "All",
    compare_chart_hint: "Click a bar to list only those projects in the table",
};

/// Each language's name in itself, for the language switch.
pub fn language_name(lang: Lang) -> &'static str {
    pick(lang, "中文", "English")
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn kind_label(slug: &str, lang: Lang) -> &'static str {
    match slug {
        "highlight" => pick(lang, "亮点项目", "Highlight"),
        "mentioned" => pick(lang, "提及项目", "Mentioned"),
        "listed" => pick(lang, "清单项目", "Listed"),
        _ => texts(lang).unstated,
    }
}

pub fn stage_label(slug: &str, lang: Lang) -> &'static str {
    match slug {
        "planned" => pick(lang, "计划", "Planned"),
        "under-construction" => pick(lang, "在建", "Under construction"),
        "in-production" => pick(lang, "已投产", "In production"),
        _ => texts(lang).unstated,
    }
}

pub fn facet_label(key: &str, lang: Lang) -> &'static str {
    match key {
        "sector" => pick(lang, "行业", "Sector"),
        "district" => pick(lang, "旗县区", "District"),
        "kind" => pick(lang, "类型", "Kind"),
        "stage" => pick(lang, "阶段", "Stage"),
        "section" => pick(lang, "分组", "Section"),
        "theme" => pick(lang, "主题", "Theme"),
        "q" => pick(lang, "搜索", "search"),
        "min" => pick(lang, "最低投资", "min investment"),
        "max" => pick(lang, "最高投资", "max investment"),
        "sort" => pick(lang, "排序", "sort"),
        "p" => pick(lang, "项目", "project"),
        "lang" => pick(lang, "语言", "language"),
        "v" => pick(lang, "数据版本", "data release"),
        "ds" => pick(lang, "清单", "list"),
        "vs" => pick(lang, "对比清单", "compared list"),
        "data" => pick(lang, "文件", "file"),
        "y" => pick(lang, "散点图纵轴", "scatter axis"),
        _ => "",
    }
}

pub fn column_label(c: Column, lang: Lang) -> &'static str {
    match c {
        Column::Name => pick(lang, "项目", "Project"),
        Column::District => pick(lang, "旗县区", "District"),
        Column::Sector => pick(lang, "行业", "Sector"),
        Column::Kind => pick(lang, "类型", "Kind"),
        Column::Stage => pick(lang, "阶段", "Stage"),
        Column::Investment => pick(lang, "总投资", "Investment"),
        Column::Jobs => pick(lang, "就业", "Jobs"),
    }
}

/// A source reference that names the page, then the line: ("《2022年重大项目亮点》",
/// "第162行") or ("“2022 major project highlights”,", "line 162"); the two parts are shown
/// apart so that the line never wraps.
pub fn source_ref(title: &str, src: &SourceRef, sheet: Option<&str>, lang: Lang) -> (String, String) {
    let page = match lang {
        Lang::Zh => format!("《{title}》"),
        Lang::En => format!("“{title}”,"),
    };
    (page, position(src, sheet, lang))
}

/// A place in the source: "第162行" / "line 162" in a text, "工作表“2023年计划”第7行G列" /
/// "sheet “2023年计划”, row 7, column G" (cell G7) in a spreadsheet.
pub fn position(src: &SourceRef, sheet: Option<&str>, lang: Lang) -> String {
    let Some(row) = src.row() else { return fill(texts(lang).line, src.line) };
    let col = src.col().map(|c| super::import::columns::letters(c.saturating_sub(1) as usize));
    match lang {
        Lang::Zh => format!(
            "{}第{row}行{}",
            sheet.map(|s| format!("工作表“{s}”")).unwrap_or_default(),
            col.map(|c| format!("{c}列")).unwrap_or_default()
        ),
        Lang::En => format!(
            "{}row {row}{}",
            sheet.map(|s| format!("sheet “{s}”, ")).unwrap_or_default(),
            col.map(|c| format!(", column {c}")).unwrap_or_default()
        ),
    }
}

/// A label's colon: full width and unspaced in Chinese ("当前项目：21").
pub fn colon(lang: Lang) -> &'static str {
    pick(lang, "：", ": ")
}

/// `text` in brackets after what precedes it: "合计（2个项目）", "Total (2 projects)".
pub fn bracketed(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

pub fn search_field_label(f: Field, lang: Lang) -> &'static str {
    match f {
        Field::Name => pick(lang, "名称", "name"),
        Field::Summary => pick(lang, "简介", "summary"),
        Field::Company => pick(lang, "企业", "company"),
        Field::District => pick(lang, "旗县区", "district"),
        Field::Theme => pick(lang, "主题", "theme"),
        Field::Pinyin => pick(lang, "名称拼音", "pinyin of the name"),
    }
}

/// "Matches: “整机” (summary), “horqin” (district)", or empty when nothing is searched.
pub fn match_reason(why: &[(String, Field)], lang: Lang) -> String {
    if why.is_empty() {
        return String::new();
    }
    let sep = pick(lang, "；", ", ");
    let items: Vec<String> = why
        .iter()
        .map(|(term, field)| format!("“{term}”{}", bracketed(search_field_label(*field, lang), lang)))
        .collect();
    fill(texts(lang).matched_because, items.join(sep))
}

pub fn problem_label(p: Problem, lang: Lang) -> &'static str {
    match p {
        Problem::UnknownKey => pick(lang, "未知参数", "unknown key"),
        Problem::UnknownValue => pick(lang, "未知取值", "unknown value"),
        Problem::BadNumber => pick(lang, "不是有效数字", "not a valid number"),
        Problem::TooLong => pick(lang, "过长，已忽略", "too long; ignored"),
        Problem::Repeated => pick(lang, "重复出现，取最后一个", "repeated; the last one is used"),
        Problem::OtherRelease => pick(lang, "链接来自另一数据版本", "link made with another data release"),
        Problem::ProjectNotFound => pick(lang, "未找到该项目", "project not found"),
        Problem::FileBesideList => pick(
            lang,
            "该文件只在分享者的电脑上，已打开链接所指的已发布清单",
            "that file is only on its sender's computer; the published list the link names is opened",
        ),
        Problem::ListMissing => pick(lang, "服务器上没有这个清单的文件，显示内置数据", "the list's file is missing on the server; showing the built-in data"),
        Problem::ListBroken => pick(lang, "服务器上这个清单的文件已损坏，显示内置数据", "the list's file on the server is broken; showing the built-in data"),
    }
}

pub fn metric_label(m: Metric, lang: Lang) -> &'static str {
    use Metric::*;
    match m {
        Investment => pick(lang, "投资", "Investment"),
        Jobs => pick(lang, "就业", "Jobs"),
        OutputValue => pick(lang, "产值", "Output value"),
        ValueAdded => pick(lang, "工业增加值", "Industrial value added"),
        Revenue => pick(lang, "销售收入", "Sales revenue"),
        ProfitTax => pick(lang, "利税", "Profit and tax"),
        Tax => pick(lang, "纳税", "Tax paid"),
        PowerCapacity => pick(lang, "装机容量", "Power capacity"),
        StorageCapacity => pick(lang, "储能规模", "Storage capacity"),
        Generation => pick(lang, "发电量", "Generation"),
        UtilisationHours => pick(lang, "利用小时数", "Utilisation hours"),
        LandArea => pick(lang, "占地面积", "Site area"),
        PermanentLandArea => pick(lang, "永久占地", "Permanent land"),
        FloorArea => pick(lang, "建筑面积", "Floor area"),
        ProductionCapacity => pick(lang, "产能", "Production capacity"),
        ProcessingCapacity => pick(lang, "加工能力", "Processing capacity"),
        StorageVolume => pick(lang, "仓储能力", "Storage volume"),
        CoalSaved => pick(lang, "节约标准煤", "Standard coal saved"),
        CoalRate => pick(lang, "标准煤耗", "Coal consumption rate"),
        EmissionsAvoided => pick(lang, "减排量", "Emissions avoided"),
        ProductionLines => pick(lang, "生产线", "Production lines"),
        Units => pick(lang, "设备数量", "Units"),
        Reserves => pick(lang, "探明储量", "Proven reserves"),
        ServiceLife => pick(lang, "服务年限", "Service life"),
        HerdSize => pick(lang, "存栏规模", "Herd size"),
        Voltage => pick(lang, "电压等级", "Voltage"),
        Count => pick(lang, "数量", "Count"),
        GrowthRate => pick(lang, "增长率", "Growth rate"),
        RateChange => pick(lang, "提高幅度", "Rate change"),
    }
}

pub fn period_label(p: Period, lang: Lang) -> &'static str {
    match p {
        Period::Once => "",
        Period::Annual => pick(lang, "（每年）", " (per year)"),
        Period::Lifetime => pick(lang, "（运营期合计）", " (over its life)"),
        Period::PlanYear => pick(lang, "（年度计划）", " (planned this year)"),
        Period::ToDate => pick(lang, "（累计完成）", " (done to date)"),
    }
}

pub fn qualifier_label(q: Qualifier, lang: Lang) -> &'static str {
    match q {
        Qualifier::AtLeast => pick(lang, "以上（不低于）", "以上 (at least)"),
        Qualifier::Nearly => pick(lang, "近（略低于）", "近 (nearly)"),
        Qualifier::About => pick(lang, "约/左右", "约/左右 (about)"),
        Qualifier::Over => pick(lang, "超过", "超过 (over)"),
        Qualifier::OddMore => pick(lang, "余/多（略多于）", "余/多 (and more)"),
    }
}

pub fn group_label(g: ProgrammeGroup, lang: Lang) -> &'static str {
    use ProgrammeGroup::*;
    match g {
        KeyProjects => pick(lang, "重点项目计划", "Key-project programme"),
        InvestmentAttraction => pick(lang, "招商引资", "Investment attraction"),
        BusinessEnvironment => pick(lang, "营商环境", "Business environment"),
        NewEnergy2022 => pick(lang, "新能源（2022年）", "New energy (2022)"),
        NewEnergy14thFyp => pick(lang, "新能源（“十四五”）", "New energy (14th Five-Year Plan)"),
        Urban => pick(lang, "城市更新", "Urban renewal"),
        PublicService => pick(lang, "公共服务补短板", "Public services"),
        Ecology => pick(lang, "生态保护修复", "Ecological restoration"),
        WindExport => pick(lang, "百万千瓦风电外送", "1 GW wind power export"),
    }
}

pub fn rule_label(r: Rule, lang: Lang) -> String {
    match r {
        Rule::PartsSum(m) => match lang {
            Lang::Zh => format!("{}：分项之和与总数", metric_label(m, lang)),
            Lang::En => format!("{}: parts against the total", metric_label(m, lang)),
        },
        Rule::CapacityHours => pick(lang, "发电量与装机容量×利用小时数", "Generation against capacity × hours").into(),
        Rule::AnnualTimesLife(m) => match lang {
            Lang::Zh => format!("{}：运营期合计与年度值×服务年限", metric_label(m, lang)),
            Lang::En => format!("{}: lifetime total against annual × service life", metric_label(m, lang)),
        },
        Rule::CoalFromGeneration => {
            pick(lang, "节煤量与发电量×煤耗", "Coal saved against generation × coal rate").into()
        }
        Rule::PermanentWithinSite => pick(lang, "永久占地不超过总占地", "Permanent land within the site").into(),
        Rule::ProgrammeParts(g) => match lang {
            Lang::Zh => format!("{}：组成项目之和", group_label(g, lang)),
            Lang::En => format!("{}: sum of its projects", group_label(g, lang)),
        },
        Rule::PrintedTotal(scope, period) => {
            let what = match scope {
                crate::core::model::TotalScope::Subtotal => pick(lang, "印出的小计", "Printed subtotal"),
                crate::core::model::TotalScope::Total => pick(lang, "印出的合计", "Printed total"),
            };
            format!("{what}{}{}", pick(lang, "（投资", " (investment"), match lang {
                Lang::Zh => format!("{}）与其项目之和", period_label(period, lang).trim_matches(['（', '）'])),
                Lang::En => format!("{}) against the sum of its projects", period_label(period, lang).replace(['(', ')'], "").trim_end()),
            })
        }
        Rule::SectionCount => pick(lang, "分组印出的项目数与其行数", "A section's printed project count against its rows").into(),
    }
}

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Consistent => pick(lang, "一致", "Consistent"),
        Status::Contradiction => pick(lang, "矛盾", "Contradiction"),
    }
}

/// Words of a citation.
pub struct CiteTexts {
    pub newspaper_page: &'static str,
    pub release: &'static str,
    pub view: &'static str,
    pub accessed: &'static str,
    pub in_: &'static str,
    /// The plain-text reference; `{year}` and `{kind}` are filled from the two below
    /// (empty where the source has none), `{translated}` only in English.
    pub reference: &'static str,
    pub year: &'static str,
    pub kind: &'static str,
    /// BibTeX `howpublished`; `{kind}` is filled from `bib_kind` (empty without one).
    pub howpublished: &'static str,
    pub bib_kind: &'static str,
    /// BibTeX `note`: the view and the access date.
    pub note: &'static str,
}

const CITE_ZH: CiteTexts = CiteTexts {
    newspaper_page: "报纸版面",
    release: "数据版本",
    view: "视图",
    accessed: "访问日期",
    in_: "见",
    reference: "《{title}》{kind}，{region}{year}。{in}：{app}，{release}{version}。{view}：{view_text}。{link}（{accessed}：{date}）。",
    year: "，{year}年",
    kind: "（{kind}）",
    howpublished: "{kind}{region}。{app}，{release}{version}",
    bib_kind: "{kind}，",
    note: "{view}：{view_text}；{accessed}：{date}",
};
const CITE_EN: CiteTexts = CiteTexts {
    newspaper_page: "newspaper page",
    release: "dataset release",
    view: "View",
    accessed: "accessed",
    in_: "In",
    reference: "“{title}”{translated}{kind}, {region}{year}. {in}: {app}, {release} {version}. {view}: {view_text}. {link} ({accessed} {date}).",
    year: ", {year}",
    kind: " [{kind}]",
    howpublished: "{kind}{region}. {app}, {release} {version}",
    bib_kind: "{kind}, ",
    note: "{view}: {view_text}; {accessed}: {date}",
};

pub fn cite_words(lang: Lang) -> &'static CiteTexts {
    match lang {
        Lang::Zh => &CITE_ZH,
        Lang::En => &CITE_EN,
    }
}

/// Messages about a loaded file (`import/long_format.rs`). Placeholders are named `{key}`.
pub struct FileTexts {
    pub too_large: &'static str,
    pub empty: &'static str,
    pub save_as_utf8: &'static str,
    pub utf16: &'static str,
    pub gbk: &'static str,
    pub not_utf8: &'static str,
    pub spreadsheet: &'static str,
    pub json: &'static str,
    pub json_syntax: &'static str,
    pub json_truncated: &'static str,
    pub json_schema: &'static str,
    pub columns: &'static str,
    pub columns_missing: &'static str,
    pub columns_unknown: &'static str,
    pub columns_repeated: &'static str,
    pub columns_expected: &'static str,
    pub rows: &'static str,
    pub stopped: &'static str,
    pub no_header: &'static str,
    pub no_projects: &'static str,
    pub packed: &'static str,
    pub invalid: &'static str,
    pub at_row: &'static str,
    pub at_row_field: &'static str,
    pub is_empty: &'static str,
    pub missing_with: &'static str,
    pub not_on_milestone_row: &'static str,
    pub bad_number: &'static str,
    pub expect_year: &'static str,
    pub expect_line: &'static str,
    pub expect_base_number: &'static str,
    pub unknown_value: &'static str,
    pub not_slug: &'static str,
    pub conflict: &'static str,
    pub too_many_fields: &'static str,
    pub unreadable_csv: &'static str,
    pub too_many_districts: &'static str,
}

const FILE_ZH: FileTexts = FileTexts {
    too_large: "文件大小为 {size} MB，最多可载入 {limit} MB 的文件",
    empty: "文件是空的",
    save_as_utf8: "请另存为 UTF-8（在 Excel 中：另存为 →“CSV UTF-8”）",
    utf16: "文件是 UTF-16 文本；{save}",
    gbk: "文件不是 UTF-8 编码：从第 {offset} 字节起像是 GBK/GB18030 中文；{save}",
    not_utf8: "文件不是 UTF-8 文本（第 {offset} 字节无效）；{save}",
    spreadsheet: "这是 Excel 工作簿，不是 CSV 或 JSON；请另存为“CSV UTF-8”",
    json: "不是数据集 JSON 文件：{detail}",
    json_syntax: "第 {line} 行第 {column} 列不是有效的 JSON",
    json_truncated: "文件在第 {line} 行第 {column} 列提前结束",
    json_schema: "第 {line} 行第 {column} 列与数据集格式不符：{detail}",
    columns: "第 {row} 行（表头）的列不对：",
    columns_missing: "缺少 {list}；",
    columns_unknown: "无法识别 {list}；",
    columns_repeated: "重复 {list}；",
    columns_expected: "应为 {list}（可选：{optional}）",
    rows: "文件中有 {n} 处问题",
    stopped: "（已在此停止读取）",
    no_header: "文件没有表头行；应有以下列：{list}",
    no_projects: "文件有表头，但没有项目行",
    packed: "打包数据无法读取（{detail}），当前数据保持不变；请重新加载页面，或改用该清单的 JSON 文件",
    invalid: "数据集中有 {n} 处问题",
    at_row: "第 {row} 行：{what}",
    at_row_field: "第 {row} 行，{field}：{what}",
    is_empty: "为空",
    missing_with: "为空，但 {other} 已填写",
    not_on_milestone_row: "在里程碑行中必须为空",
    bad_number: "{value} 不是{expected}",
    expect_year: "年份",
    expect_line: "行号（1、2、3……）",
    expect_base_number: "以基本单位表示的非负数",
    unknown_value: "{value} 不是以下值之一：{allowed}",
    not_slug: "{value} 不是有效的标识：只能用小写 a-z、0-9 和 -（例如 \"kailu-corn-park\"）",
    conflict: "{record} 在此为 {here}，但第 {first_row} 行为 {first}",
    too_many_fields: "有 {found} 个单元格，但表头只有 {expected} 列",
    unreadable_csv: "无法读取的 CSV：{detail}",
    too_many_districts: "旗县区超过 1024 个",
};

const FILE_EN: FileTexts = FileTexts {
    too_large: "the file is {size} MB; files up to {limit} MB can be loaded",
    empty: "the file is empty",
    save_as_utf8: "save it as UTF-8 (in Excel: Save As → “CSV UTF-8”)",
    utf16: "the file is UTF-16 text; {save}",
    gbk: "the file is not UTF-8: from byte offset {offset} it looks like GBK/GB18030 Chinese; {save}",
    not_utf8: "the file is not UTF-8 text (invalid byte at offset {offset}); {save}",
    spreadsheet: "this is an Excel workbook, not CSV or JSON; save it as “CSV UTF-8”",
    json: "not a dataset JSON file: {detail}",
    json_syntax: "{detail} at line {line}, column {column}",
    json_truncated: "the file ends early, at line {line}, column {column}",
    json_schema: "{detail} at line {line}, column {column}",
    columns: "row {row} (the header) has the wrong columns:",
    columns_missing: " missing {list};",
    columns_unknown: " unknown {list};",
    columns_repeated: " repeated {list};",
    columns_expected: " expected {list} (optional: {optional})",
    rows: "{n} problem(s) in the file",
    stopped: " (reading stopped there)",
    no_header: "the file has no header row; expected the columns {list}",
    no_projects: "the file has a header but no project rows",
    packed: "the packed data cannot be read ({detail}); the current data is kept. Reload the page, or use the list's JSON file",
    invalid: "{n} problem(s) in the dataset",
    at_row: "row {row}: {what}",
    at_row_field: "row {row}, {field}: {what}",
    is_empty: "is empty",
    missing_with: "is empty but {other} is filled in",
    not_on_milestone_row: "must be empty on a milestone row",
    bad_number: "{value} is not {expected}",
    expect_year: "a year",
    expect_line: "a line number (1, 2, 3…)",
    expect_base_number: "a number ≥ 0 in base units",
    unknown_value: "{value} is not one of: {allowed}",
    not_slug: "{value} is not an id: use lowercase a-z, 0-9 and - (e.g. \"kailu-corn-park\")",
    conflict: "{record} has {here} here but {first} in row {first_row}",
    too_many_fields: "has {found} cells but the header has {expected}",
    unreadable_csv: "unreadable CSV: {detail}",
    too_many_districts: "more than 1024 districts",
};

pub fn file_words(lang: Lang) -> &'static FileTexts {
    match lang {
        Lang::Zh => &FILE_ZH,
        Lang::En => &FILE_EN,
    }
}

/// Dataset validation messages (`validate.rs`), for a loaded file's problems.
pub struct ValidationTexts {
    pub error: &'static str,
    pub record: &'static str,
    pub dataset: &'static str,
    pub district: &'static str,
    pub sector: &'static str,
    pub theme: &'static str,
    pub project: &'static str,
    pub programme: &'static str,
    pub part: &'static str,
    pub changelog: &'static str,
    pub release: &'static str,
    pub section: &'static str,
    pub stage: &'static str,
    pub total: &'static str,
    pub empty: &'static str,
    pub not_slug: &'static str,
    pub used_twice: &'static str,
    pub unknown: &'static str,
    pub not_year_month: &'static str,
    pub not_sha256: &'static str,
    pub not_non_negative: &'static str,
    pub wrong_unit: &'static str,
    pub not_whole: &'static str,
    pub no_number: &'static str,
    pub no_number_after_times: &'static str,
    pub too_large: &'static str,
    pub not_the_unit: &'static str,
    pub no_unit: &'static str,
    pub two_qualifiers: &'static str,
    pub value_differs: &'static str,
    pub qualifier_differs: &'static str,
    pub no_qualifier: &'static str,
    pub not_at_line: &'static str,
    pub too_many: &'static str,
}

const VALIDATION_ZH: ValidationTexts = ValidationTexts {
    error: "{record}，{field}：{what}",
    record: "{kind} {id}",
    dataset: "数据集",
    district: "旗县区",
    sector: "行业",
    theme: "主题",
    project: "项目",
    programme: "总体指标",
    part: "分期",
    changelog: "变更记录",
    release: "版本",
    section: "分组",
    stage: "建设性质",
    total: "合计行",
    empty: "为空",
    not_slug: "不是有效的标识：只能用小写 a-z、0-9 和 -",
    used_twice: "重复使用",
    unknown: "未知的{what} {value}",
    not_year_month: "{value} 不是“年-月”（YYYY-MM）格式",
    not_sha256: "{value} 不是 SHA-256 摘要（64 位小写十六进制）",
    not_non_negative: "{value} 不是大于等于 0 的数",
    wrong_unit: "{unit} 不是“{metric}”的单位（可用：{allowed}）",
    not_whole: "{value}（{unit}）必须是整数",
    no_number: "{printed} 中没有数字",
    no_number_after_times: "{printed} 中“×”之后没有数字",
    too_large: "{printed} 数值过大",
    not_the_unit: "{printed} 中的 {token} 不是 {unit} 的单位写法",
    no_unit: "{printed} 中没有单位",
    two_qualifiers: "{printed} 中有不止一个限定词",
    value_differs: "{value} 与原文 {printed} 不符（原文折合 {reads}）",
    qualifier_differs: "限定词“{qualifier}”与原文 {printed} 不符（原文为“{reads}”）",
    no_qualifier: "无",
    not_at_line: "{printed} 不在原文第 {line} 行",
    too_many: "超过 {limit} 个",
};

const VALIDATION_EN: ValidationTexts = ValidationTexts {
    error: "{record}: {field}: {what}",
    record: "{kind} {id}",
    dataset: "dataset",
    district: "district",
    sector: "sector",
    theme: "theme",
    project: "project",
    programme: "programme",
    part: "part",
    changelog: "changelog",
    release: "release",
    section: "section",
    stage: "stage",
    total: "total row",
    empty: "is empty",
    not_slug: "is not an id: use lowercase a-z, 0-9 and -",
    used_twice: "is used twice",
    unknown: "unknown {what} {value}",
    not_year_month: "{value} is not YYYY-MM",
    not_sha256: "{value} is not a SHA-256 digest (64 lowercase hex digits)",
    not_non_negative: "{value} is not a number ≥ 0",
    wrong_unit: "{unit} is not a unit of {metric} (allowed: {allowed})",
    not_whole: "{value} ({unit}) must be a whole number",
    no_number: "no number in {printed}",
    no_number_after_times: "no number after × in {printed}",
    too_large: "{printed} is too large",
    not_the_unit: "{token} in {printed} is not a way to write {unit}",
    no_unit: "no unit in {printed}",
    two_qualifiers: "more than one qualifier in {printed}",
    value_differs: "{value} does not match the printed {printed} (which reads {reads})",
    qualifier_differs: "qualifier “{qualifier}” does not match the printed {printed} (“{reads}”)",
    no_qualifier: "none",
    not_at_line: "{printed} is not printed at line {line}",
    too_many: "more than {limit}",
};

pub fn validation_words(lang: Lang) -> &'static ValidationTexts {
    match lang {
        Lang::Zh => &VALIDATION_ZH,
        Lang::En => &VALIDATION_EN,
    }
}

/// Fills named `{key}` placeholders of a template in one pass, so a value that itself
/// reads like `{key}` (a cell of a loaded file, say) is never filled in again.
pub fn fill_named(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values.iter().find(|(k, _)| *k == key).map(|(_, v)| (v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn milestone_label(e: MilestoneEvent, lang: Lang) -> &'static str {
    match e {
        MilestoneEvent::Start => pick(lang, "开工", "Start"),
        MilestoneEvent::Production => pick(lang, "投产", "Production"),
        MilestoneEvent::Completion => pick(lang, "建成", "Completion"),
    }
}

/// "1 project", "3 projects", "3个项目".
pub fn count_projects(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 project".to_string(),
        _ => fill(texts(lang).n_projects, n),
    }
}

/// Fills the single `{}` of a template.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

/// Fixed words drawn inside the map, scatter, timeline and programme charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartWord {
    MapLegend,
    NoInvestment,
    /// "no amount stated" where a map tile has no room for it.
    AmountNotStated,
    ScatterX,
    ScatterY,
    ScatterYOutput,
    ScatterYRevenue,
    LogScale,
    DerivedHollow,
    NotItemised,
    ProgrammeFigure,
    NamedInView,
}

pub fn chart_word(w: ChartWord, lang: Lang) -> &'static str {
    use ChartWord::*;
    match w {
        MapLegend => pick(lang, "当前项目投资额", "Investment in view"),
        NoInvestment => pick(lang, "无", "none"),
        AmountNotStated => pick(lang, "未披露", "not stated"),
        ScatterX => pick(lang, "总投资", "Total investment"),
        ScatterY => pick(lang, "就业人数", "Jobs"),
        ScatterYOutput => pick(lang, "年产值", "Annual output value"),
        ScatterYRevenue => pick(lang, "年销售收入", "Annual sales revenue"),
        LogScale => pick(lang, "（对数刻度）", " (log scale)"),
        DerivedHollow => pick(lang, "空心点：投资为分期之和（推算）", "Hollow: investment summed from phases"),
        NotItemised => pick(lang, "无对应项目", "not itemised"),
        ProgrammeFigure => pick(lang, "全市计划数", "Programme figure"),
        NamedInView => pick(lang, "本页列出的项目", "Projects in view"),
    }
}

/// The importer's messages (`import/`). Placeholders are named `{key}`.
pub struct ImportTexts {
    pub empty: &'static str,
    pub too_large: &'static str,
    pub not_text: &'static str,
    pub password: &'static str,
    pub corrupt: &'static str,
    pub no_header: &'static str,
    pub no_name_column: &'static str,
    pub unreadable_amount: &'static str,
    pub unreadable_column: &'static str,
    pub fraction_of_yuan: &'static str,
    pub bad_years: &'static str,
    pub unit_assumed: &'static str,
    pub contested: &'static str,
    pub duplicate: &'static str,
    pub no_projects: &'static str,
    pub transliterated: &'static str,
    pub imported_from: &'static str,
}

const IMPORT_ZH: ImportTexts = ImportTexts {
    empty: "文件是空的",
    too_large: "文件大小为 {size} MB，最多可导入 {limit} MB 的文件",
    not_text: "无法读取：这既不是 Excel/ODS 工作簿，也不是 CSV/TSV 文本（UTF-8、UTF-16 或 GBK）",
    password: "工作簿有密码保护，无法读取；请在 Excel 中取消密码后再导入",
    corrupt: "工作簿已损坏，无法读取（{detail}）",
    no_header: "没有找到表头：没有一行同时写有“项目名称”和另一个已知列名（如“总投资”“建设地点”）；本工具自己的 CSV 格式则需要 project_id、metric 等列（见 CSV 模板）",
    no_name_column: "没有映射到“项目名称”的列，无法导入；请为一列选择“项目名称”",
    unreadable_amount: "{cell} 单元格 {text} 不是金额，此项未导入",
    unreadable_column: "{column} 列没有一个可读的金额；请检查单位或列的映射",
    fraction_of_yuan: "{cell} 单元格 {text} 折合后不是整数元，此项未导入；请检查单位",
    bad_years: "{cell} 单元格 {text} 不是年份或年份范围，此项未导入",
    unit_assumed: "表头和表头上方都没有写金额单位；暂按“{unit}”读取，请确认",
    contested: "有多列可作为“{field}”：已选第一列，请确认",
    duplicate: "第 {row} 行与第 {first} 行的项目名称和地点相同",
    no_projects: "找到了表头，但其下没有项目行",
    transliterated: "拼音音译",
    imported_from: "导入自",
};

const IMPORT_EN: ImportTexts = ImportTexts {
    empty: "the file is empty",
    too_large: "the file is {size} MB; files up to {limit} MB can be imported",
    not_text: "cannot read it: it is neither an Excel/ODS workbook nor CSV/TSV text (UTF-8, UTF-16 or GBK)",
    password: "the workbook is password-protected; remove the password in Excel, then import it",
    corrupt: "the workbook is damaged and cannot be read ({detail})",
    no_header: "no header found: no row names the project name column (项目名称) and one more known column (总投资, 建设地点…); this tool's own CSV format needs project_id, metric and the other template columns",
    no_name_column: "no column is mapped to the project name, so nothing can be imported; choose “Project name” for one column",
    unreadable_amount: "cell {cell}, {text}, is not an amount and was left out",
    unreadable_column: "column {column} has no readable amount; check the unit or the column's mapping",
    fraction_of_yuan: "cell {cell}, {text}, is not a whole number of yuan and was left out; check the unit",
    bad_years: "cell {cell}, {text}, is no year or year range and was left out",
    unit_assumed: "no amount unit in the header or above it; read as “{unit}” for now, please confirm",
    contested: "several columns could be “{field}”: the first is chosen, please confirm",
    duplicate: "row {row} has the same project name and place as row {first}",
    no_projects: "a header was found, but no project rows under it",
    transliterated: "pinyin transliteration",
    imported_from: "imported from",
};

pub fn import_words(lang: Lang) -> &'static ImportTexts {
    match lang {
        Lang::Zh => &IMPORT_ZH,
        Lang::En => &IMPORT_EN,
    }
}

/// A column mapping's name in the review's selects.
pub fn import_field_label(field: super::import::columns::Field, lang: Lang) -> &'static str {
    use super::import::columns::Field::*;
    match field {
        Seq => pick(lang, "序号", "No."),
        Name => pick(lang, "项目名称", "Project name"),
        Location => pick(lang, "建设地点（旗县区）", "Location (district)"),
        Stage => pick(lang, "建设性质", "Stage"),
        Content => pick(lang, "建设内容", "Content"),
        Years => pick(lang, "建设起止年限", "Construction years"),
        Total => pick(lang, "总投资", "Total investment"),
        PlanYear => pick(lang, "年度计划投资", "Planned this year"),
        ToDate => pick(lang, "累计完成投资", "Invested to date"),
        Owner => pick(lang, "项目单位", "Owner"),
        Category => pick(lang, "行业（类别）", "Category"),
        Remark => pick(lang, "备注", "Remarks"),
        Other => pick(lang, "其他（原样保留）", "Other (kept as printed)"),
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_reference_names_the_page_then_the_line() {
        assert_eq!(source_ref("2022年重大项目亮点", &SourceRef::line(162), None, Lang::Zh), ("《2022年重大项目亮点》".to_string(), "第162行".to_string()));
        assert_eq!(
            source_ref("2022 major project highlights", &SourceRef::line(162), None, Lang::En),
            ("“2022 major project highlights”,".to_string(), "line 162".to_string())
        );
    }
}
