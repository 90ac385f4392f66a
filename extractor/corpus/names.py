"""Person names as comparable keys, whatever script a record wrote them in.

Records are meant to carry names in Latin script, but a model sometimes leaves a name as the article wrote
it (Нгуен Дык Чунг, 阮德忠, グエン・ドゥク・チュン). `name_key` brings every spelling to one folded Latin form:
Cyrillic and katakana through `extractor.romanize`, Arabic script through its consonant matcher, and Chinese
characters through their Sino-Vietnamese readings (below), then diacritics and case are folded.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.romanize import romanize_arabic_name, romanize_name, script_of

# Sino-Vietnamese (Han-Viet) readings of the characters that write Vietnamese surnames and the common
# middle and given name syllables, in traditional and simplified forms. Where a character has several
# readings, the one used in personal names is kept (武 is Vu in the north and Vo in the south: Vu).
_HAN_VIET_GROUPS: dict[str, str] = {
    # surnames
    "Nguyen": "阮元原源", "Tran": "陳陈", "Le": "黎", "Pham": "范範凡", "Hoang": "黃黄皇煌凰",
    "Phan": "潘", "Vu": "武禹宇羽", "Dang": "鄧邓登燈灯", "Bui": "裴", "Do": "杜度", "Ho": "胡湖", "Ngo": "吳吴悟",
    "Duong": "楊杨陽阳", "Ly": "李理", "Truong": "張张長长場场", "Dinh": "丁廷庭定亭", "Dao": "陶桃", "Doan": "段端",
    "Luong": "梁良涼", "Trinh": "鄭郑程貞贞", "Lam": "林琳", "Cao": "高", "Ha": "何河霞夏", "Mai": "梅枚",
    "Ta": "謝谢", "Luu": "劉刘留", "Lu": "呂吕", "Chu": "朱周主", "Quach": "郭", "Tong": "宋", "Ton": "孫孙",
    "To": "蘇苏", "Vuong": "王旺", "Dam": "譚谭覃談谈", "Nong": "農农", "Ma": "馬马麻", "Lo": "盧卢", "Khuu": "邱",
    "Lai": "賴赖", "Thai": "泰太蔡", "Nghiem": "嚴严", "Tu": "秀思慈徐", "Kieu": "喬乔嬌娇", "Giap": "甲",
    "Khong": "孔", "Khuc": "曲", "Vi": "韋韦偉伟微薇", "Lieu": "柳廖", "Ong": "翁", "Tieu": "蕭萧",
    # middle and given names
    "Van": "文雲云運运萬万韻", "Thi": "氏詩诗施", "Duc": "德", "Minh": "明銘铭", "Thanh": "清成城聲声青",
    "Quang": "光廣广", "Hong": "紅红洪鴻鸿", "Ngoc": "玉", "Xuan": "春", "Huu": "有友", "Dai": "大代岱戴",
    "Thang": "勝胜", "Hung": "雄興兴", "Dung": "勇容蓉用", "Tuan": "俊", "Anh": "英影映瑛", "Hai": "海",
    "Nam": "南男", "Long": "龍龙隆", "Son": "山", "Binh": "平秉兵炳", "Phuong": "芳方鳳凤", "Linh": "玲靈灵",
    "Trung": "忠中", "Quoc": "國国", "Chi": "志芝", "Khanh": "慶庆卿", "Hoa": "和花華华化", "Lan": "蘭兰",
    "Huong": "香", "Thu": "秋", "Tam": "心三", "Tien": "進进先仙鮮鲜", "Thinh": "盛", "Tung": "松",
    "Cuong": "強强疆", "Viet": "越", "Kim": "金", "Hieu": "孝效", "Nhan": "仁人", "Phuc": "福", "Tai": "才財财",
    "Loc": "祿禄", "Vinh": "永榮荣", "Ninh": "寧宁", "Hien": "賢贤顯显憲宪", "Thao": "草", "Trang": "莊庄",
    "An": "安恩", "Yen": "燕", "Dat": "達达", "Khoa": "科", "Bao": "寶宝保", "Toan": "全", "Tan": "新",
    "Thuy": "翠水", "Hanh": "幸行", "Dieu": "妙", "Giang": "江", "Duy": "維维", "Chinh": "正政", "Cong": "公功",
    "Huy": "輝辉", "The": "世", "Thien": "善天", "Nghia": "義义", "Manh": "孟", "Hang": "恒姮", "Quy": "貴贵",
    "Tri": "智知治", "Trong": "仲重", "Kinh": "敬經经京", "Canh": "景", "Tuyen": "宣選选泉", "Tho": "壽寿",
    "Tuyet": "雪", "Nguyet": "月", "Nhat": "日一", "Thuan": "順顺純纯", "Hue": "惠慧", "Hoan": "環环歡欢",
    "Uy": "威", "Huyen": "玄", "Tuong": "祥詳详相將将", "Chuong": "章彰", "Dong": "東东冬同", "Thong": "通聰聪統统",
    "Bac": "北", "Bach": "白百", "Bich": "碧", "Chau": "珠舟", "Dien": "田典", "Dan": "丹民", "Nga": "娥",
    "Ngan": "銀银", "Nhu": "如", "Nhung": "絨绒", "Oanh": "鶯莺", "Phong": "風风豐丰峰鋒锋", "Phung": "馮冯逢",
    "Phu": "富夫扶", "Phat": "發发", "Phi": "飛飞", "Quynh": "瓊琼", "Quan": "君軍军觀观關关", "Quyen": "權权娟",
    "Sang": "創创", "Sinh": "生", "Tin": "信", "Tiep": "接", "Tinh": "靖晶", "Uyen": "鴛鸳淵渊",
    "Thach": "石", "Thuc": "淑", "Hiep": "協协", "Hau": "厚", "Khai": "開开凱凯", "Khang": "康",
    "Khiem": "謙谦", "Khoi": "魁", "Kiet": "傑杰", "Lap": "立", "Liem": "廉", "Loi": "利", "Luan": "倫伦",
    "Nghi": "宜毅", "Tham": "深", "Thiet": "鐵铁",
    "Trieu": "趙赵", "Truc": "竹", "Vien": "圓圆", "Xuong": "昌", "Y": "意",
}  # fmt: skip
HAN_VIET: dict[str, str] = {ch: reading.strip() for reading, chars in _HAN_VIET_GROUPS.items() for ch in chars}


def han_viet(text: str) -> str:
    """Chinese characters read one syllable each ('阮德忠' -> 'Nguyen Duc Trung'); unknown ones are dropped."""
    syllables = [HAN_VIET[ch] for ch in text if ch in HAN_VIET]
    return " ".join(syllables)


def latin_name(name: str) -> str:
    """The name in Latin script (diacritics kept when it already was Latin)."""
    script = script_of(name)
    if script == "cjk":
        return han_viet(name) or name
    if script == "arabic":
        return romanize_arabic_name(name)
    romanized = romanize_name(name)
    if romanized is not None:
        return romanized
    from anyascii import anyascii

    return anyascii(name)


def fold(text: str) -> str:
    """Lowercase ASCII words: diacritics stripped (đ -> d), punctuation and spacing collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def name_key(name: str) -> str:
    """What two spellings of one person share: 'Нгуен Дык Чунг', '阮德忠', 'Nguyễn Đức Trung' -> 'nguyen duc trung'."""
    return fold(latin_name(name))
