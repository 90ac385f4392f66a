"""Vietnamese names written in Korean Hangul or in Chinese characters, back to Latin script (without diacritics).

Hangul: Korean writes a Vietnamese name syllable by syllable, one word per syllable ("응우옌 반 안"), by the
National Institute of Korean Language's table for Vietnamese. The table is applied forwards to the Vietnamese
spelling of every name syllable, and a Hangul word is read back as the syllable that gives it.

Chinese characters: a Vietnamese name is written with the characters of its Sino-Vietnamese (Hán-Việt) reading,
阮文安 = Nguyễn Văn An. The table below gives the usual characters (simplified and traditional) of the frequent
surname and given-name syllables, and the Chinese names of the provinces.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from extractor.name_syllables import GIVEN_NAME_SYLLABLES, LESS_FREQUENT_NAME_SYLLABLES, SURNAMES

# -- Hangul ---------------------------------------------------------------------------------------------------

_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = {"": 0, "ㄱ": 1, "ㄴ": 4, "ㄹ": 8, "ㅁ": 16, "ㅂ": 17, "ㅅ": 19, "ㅇ": 21}

# Vietnamese initial consonants and their Hangul initial.
_CONSONANTS = {
    "ngh": "ㅇ", "ng": "ㅇ", "nh": "ㄴ", "ch": "ㅉ", "gh": "ㄱ", "gi": "ㅈ", "kh": "ㅋ", "ph": "ㅍ", "qu": "ㄲ",
    "th": "ㅌ", "tr": "ㅉ", "b": "ㅂ", "c": "ㄲ", "đ": "ㄷ", "d": "ㅈ", "g": "ㄱ", "h": "ㅎ", "k": "ㄲ", "l": "ㄹ",
    "m": "ㅁ", "n": "ㄴ", "p": "ㅃ", "r": "ㄹ", "s": "ㅅ", "t": "ㄸ", "v": "ㅂ", "x": "ㅆ", "": "ㅇ",
}  # fmt: skip
_VOWEL_JAMO = {"a": "ㅏ", "ă": "ㅏ", "â": "ㅓ", "e": "ㅐ", "ê": "ㅔ", "i": "ㅣ", "y": "ㅣ", "o": "ㅗ", "ô": "ㅗ",
               "ơ": "ㅓ", "u": "ㅜ", "ư": "ㅡ"}  # fmt: skip
# After nh, and for yê opening a syllable (or after u), the vowel takes the y glide: nha 냐, nhân 년, yên 옌.
_GLIDED = {"ㅏ": "ㅑ", "ㅓ": "ㅕ", "ㅐ": "ㅒ", "ㅔ": "ㅖ", "ㅗ": "ㅛ", "ㅜ": "ㅠ"}
_FINAL_JAMO = {"c": "ㄱ", "ch": "ㄱ", "m": "ㅁ", "n": "ㄴ", "ng": "ㅇ", "nh": "ㄴ", "p": "ㅂ", "t": "ㅅ"}
_SYLLABLE_PARTS = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]?)([aăâeêioôơuưy]+)(ng|nh|ch|[cmnpt])?$"
)

# The Vietnamese spelling (vowel marks and đ, tones aside) of each ASCII syllable; where one ASCII syllable
# writes several (Van: Văn, Vân), the usual one first. Hangul tells them apart (반, 번), ASCII does not.
SPELLINGS = {
    "Nguyen": "nguyên", "Tran": "trân", "Le": "lê", "Pham": "pham", "Hoang": "hoang", "Huynh": "huynh", "Phan": "phan",
    "Vu": "vu", "Vo": "vo", "Dang": "đăng", "Bui": "bui", "Do": "đô", "Ho": "hô", "Ngo": "ngô", "Duong": "dương",
    "Ly": "ly", "Truong": "trương", "Dinh": "đinh", "Mai": "mai", "Cao": "cao", "Lam": "lâm lam", "Trinh": "trinh",
    "Dao": "đao", "Doan": "đoan", "Luong": "lương", "Lai": "lai", "Luu": "lưu", "Ta": "ta", "Thai": "thai",
    "Chu": "chu", "Ha": "ha", "Kieu": "kiêu", "Quach": "quach", "Tong": "tông", "Trieu": "triêu", "Vuong": "vương",
    "Au": "âu", "Khuat": "khuât", "Nghiem": "nghiêm", "Giang": "giang", "Lo": "lô lo", "La": "la",
    "Van": "văn vân", "Thi": "thi", "Duc": "đưc", "Minh": "minh", "Thanh": "thanh", "Quang": "quang", "Hong": "hông",
    "Ngoc": "ngoc", "Xuan": "xuân", "Huu": "hưu", "Kim": "kim", "Anh": "anh", "Tuan": "tuân", "Hung": "hưng hung",
    "Dung": "dung", "Hai": "hai", "Nam": "nam", "Son": "sơn", "Long": "long", "Binh": "binh", "Trung": "trung",
    "Quoc": "quôc", "Cuong": "cương", "Thang": "thăng", "Phuong": "phương", "Linh": "linh", "Hoa": "hoa",
    "Thu": "thu thư", "Huong": "hương", "Lan": "lan", "Hien": "hiên", "Hieu": "hiêu", "Huy": "huy", "Phong": "phong",
    "Dong": "đông", "Trong": "trong", "Tien": "tiên", "Thinh": "thinh", "Tung": "tung", "Viet": "viêt",
    "Khanh": "khanh", "Chi": "chi", "Tri": "tri", "Tam": "tâm tam", "Tan": "tân", "Tai": "tai", "Thao": "thao",
    "Trang": "trang", "Thuy": "thuy", "Hanh": "hanh", "Loan": "loan", "Nga": "nga", "Nhung": "nhung", "Yen": "yên",
    "Vinh": "vinh", "Loc": "lôc", "Phuc": "phuc", "Dat": "đat", "Khoa": "khoa", "Bao": "bao", "Toan": "toan",
    "Cong": "công", "Ba": "ba", "Dai": "đai", "Manh": "manh", "Hoai": "hoai", "Khai": "khai", "Khang": "khang",
    "Kien": "kiên", "My": "my", "Nhan": "nhân", "Nghia": "nghia", "Phu": "phu", "Quy": "quy", "Quyen": "quyên",
    "Quynh": "quynh", "Sang": "sang", "Tho": "thơ thô", "Thuan": "thuân", "Thuong": "thương", "Tu": "tu tư",
    "Tuyen": "tuyên", "Tuyet": "tuyêt", "Uyen": "uyên", "Diep": "diêp", "Dieu": "diêu", "Duy": "duy", "Han": "han hân",
    "Hang": "hăng hang", "Hao": "hao", "Hue": "huê", "Huyen": "huyên", "Liem": "liêm", "Lien": "liên", "Ngan": "ngân",
    "Nguyet": "nguyêt", "Nhat": "nhât", "Nhi": "nhi", "Oanh": "oanh", "Tinh": "tinh", "Chinh": "chinh", "Chau": "châu",
    "Hiep": "hiêp", "Tiep": "tiêp", "Luan": "luân", "Khoi": "khôi", "Vy": "vy", "Phat": "phat", "Thien": "thiên",
    "Mau": "mâu", "Thong": "thông", "To": "tô", "Man": "mân", "Khiem": "khiêm", "Chien": "chiên", "Dien": "điên diên",
    "Giap": "giap", "Hoan": "hoan", "Hop": "hơp", "Khuong": "khương", "Lap": "lâp", "Ninh": "ninh", "Nhu": "như",
    "Phi": "phi", "Sinh": "sinh", "Sy": "sy", "Thach": "thach", "Than": "thân", "Thoa": "thoa", "Tra": "tra",
    "Tuong": "tương", "Vien": "viên", "Ky": "ky", "Bang": "băng bang", "Cam": "câm cam", "Chung": "chung",
    "Hau": "hâu", "Hoc": "hoc", "Kha": "kha", "Lanh": "lanh", "Luc": "luc lưc", "Quan": "quân quan",
    "Quyet": "quyêt", "Sam": "sâm", "Tao": "tao", "Thiep": "thiêp", "Thuc": "thưc thuc", "Truc": "truc", "Uy": "uy",
    "Xuyen": "xuyên", "Bich": "bich", "Canh": "canh", "Dam": "đam", "Danh": "danh", "Du": "du", "Giao": "giao",
    "Hoi": "hôi", "Hy": "hy", "Khue": "khuê", "Lang": "lăng lang", "Lich": "lich", "Mien": "miên", "Nhien": "nhiên",
    "Sau": "sau", "Thiet": "thiêt", "Thom": "thơm", "Trac": "trac", "Vi": "vi", "Bay": "bay",
    # syllables of place names
    "An": "an", "Ria": "ria", "Vung": "vung", "Tau": "tau", "Bac": "băc", "Kan": "kan", "Lieu": "liêu", "Ben": "bên",
    "Tre": "tre", "Phuoc": "phươc", "Ca": "ca", "Can": "cân", "Da": "đa", "Nang": "năng", "Dak": "đăk", "Lak": "lăk",
    "Nong": "nông", "Bien": "biên", "Nai": "nai", "Thap": "thap", "Gia": "gia", "Kon": "kon", "Tum": "tum",
    "Lao": "lao", "Cai": "cai", "Nghe": "nghê", "Ngai": "ngai", "Soc": "soc", "Tay": "tây", "Thua": "thưa",
    "Bai": "bai", "Noi": "nôi",
}  # fmt: skip


def _block(initial: str, vowel: str, final: str = "") -> str:
    index = (_INITIALS.index(initial) * 21 + _VOWELS.index(vowel)) * 28 + _FINALS[final]
    return chr(0xAC00 + index)


def _vowel_jamo(initial: str, vowels: str, final: str) -> list[str]:
    """The Hangul vowels of a Vietnamese syllable, one block each: hoài 호아이, tuấn 뚜언, mạnh 마인."""
    jamo = [_VOWEL_JAMO[v] for v in vowels]
    if initial == "qu":
        jamo.insert(0, "ㅜ")  # qu is k + u: quốc 꾸옥
    if len(vowels) >= 2 and vowels[-1] == "a" and vowels[-2] in "iuư" and not final:
        jamo[-1] = "ㅓ"  # ia, ua, ưa: 이어, 우어, 으어
    at = jamo.index("ㅣ") if "yê" in vowels or "iê" in vowels else -1
    glide_opens = at >= 0 and ((at == 0 and initial == "") or (at > 0 and jamo[at - 1] == "ㅜ"))
    if glide_opens and at + 1 < len(jamo) and jamo[at + 1] == "ㅔ":
        jamo[at : at + 2] = ["ㅖ"]  # yên 옌, nguyễn 응우옌, quyên 꾸옌
    elif initial == "nh" and jamo[0] in _GLIDED:
        jamo[0] = _GLIDED[jamo[0]]
    if final in ("nh", "ch") and vowels[-1] not in "iyê":
        jamo.append("ㅣ")  # thanh 타인, mạnh 마인
    return jamo


def _hangul(spelled: str) -> str | None:
    """One Vietnamese syllable (vowel marks and đ kept, tones dropped) in Hangul, by the Korean table."""
    parts = _SYLLABLE_PARTS.match(spelled)
    if not parts:
        return None
    initial, vowels, final = parts.group(1), parts.group(2), parts.group(3) or ""
    jamo = _vowel_jamo(initial, vowels, final)
    opened = "응" if initial in ("ng", "ngh") else ""  # ng is a syllable of its own: 응우옌, 응옥
    first = "ㅇ" if opened else _CONSONANTS[initial]
    blocks = [_block(first if i == 0 else "ㅇ", v) for i, v in enumerate(jamo)]
    if final:
        blocks[-1] = _block(first if len(jamo) == 1 else "ㅇ", jamo[-1], _FINAL_JAMO[final])
    return opened + "".join(blocks)


def hangul_spellings(syllable: str) -> set[str]:
    """The Hangul spellings of an ASCII Vietnamese syllable: one per Vietnamese spelling it stands for; qua and
    quâ are also written as one block (quang 꽝, quân 꿘)."""
    spellings = set()
    for spelled in SPELLINGS.get(syllable, syllable.lower()).split():
        if hangul := _hangul(spelled):
            spellings.add(hangul)
        if spelled.startswith("qu") and (parts := _SYLLABLE_PARTS.match(spelled)) and parts.group(2) in ("a", "â"):
            glide = "ㅘ" if parts.group(2) == "a" else "ㅝ"
            spellings.add(_block("ㄲ", glide, _FINAL_JAMO.get(parts.group(3) or "", "")))
    return spellings


@lru_cache(maxsize=2)
def _hangul_table(first_word: bool) -> dict[str, str]:
    """Hangul spelling -> syllable. A name's first word prefers a surname (찐 is Trinh there, Chinh after it);
    otherwise the more frequent syllable keeps a spelling several share."""
    given = (*GIVEN_NAME_SYLLABLES, *LESS_FREQUENT_NAME_SYLLABLES)
    order = (*SURNAMES, *given) if first_word else (*given, *SURNAMES)
    table: dict[str, str] = {}
    for syllable in (*order, *_PLACE_SYLLABLES):
        for spelling in sorted(hangul_spellings(syllable)):
            table.setdefault(spelling, syllable)
    return table


def read_hangul_name(text: str) -> str | None:
    """A Vietnamese name written in Hangul, one word per syllable; None when a word is no name syllable."""
    words = text.split()
    syllables = [_hangul_table(index == 0).get(word) for index, word in enumerate(words)]
    read = [syllable for syllable in syllables if syllable]
    return " ".join(read) if words and len(read) == len(words) else None


def hangul_place_spellings(name: str) -> tuple[str, ...]:
    """The ways Korean can write a Vietnamese place name: its syllables in Hangul, run together (꽝닌 for Quang
    Ninh), one spelling per reading of the diacritics."""
    options = [sorted(hangul_spellings(word)) for word in name.replace("-", " ").split()]
    if not all(options):
        return ()
    return tuple("".join(parts) for parts in product(*options))


# -- Chinese characters ---------------------------------------------------------------------------------------

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
    "Au": "歐欧", "Khuat": "屈", "La": "羅罗",
    # middle and given names
    "Van": "文雲云運运萬万韻", "Thi": "氏詩诗施", "Duc": "德徳", "Minh": "明銘铭", "Thanh": "清成城聲声青誠",
    "Quang": "光廣广", "Hong": "紅红洪鴻鸿", "Ngoc": "玉", "Xuan": "春", "Huu": "有友", "Dai": "大代岱戴",
    "Thang": "勝胜", "Hung": "雄興兴", "Dung": "勇容蓉用", "Tuan": "俊峻", "Anh": "英影映瑛", "Hai": "海",
    "Nam": "南男", "Long": "龍龙隆", "Son": "山", "Binh": "平秉兵炳", "Phuong": "芳方鳳凤", "Linh": "玲靈灵",
    "Trung": "忠中", "Quoc": "國国", "Chi": "志芝", "Khanh": "慶庆卿", "Hoa": "和花華华化", "Lan": "蘭兰",
    "Huong": "香", "Thu": "秋", "Tam": "心三", "Tien": "進进先仙鮮鲜", "Thinh": "盛", "Tung": "松",
    "Cuong": "強强疆", "Viet": "越", "Kim": "金", "Hieu": "孝效", "Nhan": "仁人", "Phuc": "福", "Tai": "才財财",
    "Loc": "祿禄", "Vinh": "永榮荣", "Ninh": "寧宁", "Hien": "賢贤顯显憲宪", "Thao": "草", "Trang": "莊庄妝妆",
    "An": "安恩", "Yen": "燕", "Dat": "達达", "Khoa": "科", "Bao": "寶宝保", "Toan": "全", "Tan": "新",
    "Thuy": "翠水瑞", "Hanh": "幸行", "Dieu": "妙", "Giang": "江", "Duy": "維维", "Chinh": "正政", "Cong": "公功",
    "Huy": "輝辉徽", "The": "世", "Thien": "善天", "Nghia": "義义", "Manh": "孟", "Hang": "恒恆姮", "Quy": "貴贵",
    "Tri": "智知治", "Trong": "仲重", "Kinh": "敬經经京", "Canh": "景", "Tuyen": "宣選选泉", "Tho": "壽寿",
    "Tuyet": "雪", "Nguyet": "月", "Nhat": "日一", "Thuan": "順顺純纯", "Hue": "惠慧", "Hoan": "環环歡欢",
    "Uy": "威", "Huyen": "玄", "Tuong": "祥詳详相將将", "Chuong": "章彰", "Dong": "東东冬同", "Thong": "通聰聪統统",
    "Bac": "北", "Bach": "白百", "Bich": "碧", "Chau": "珠舟", "Dien": "田典", "Dan": "丹民", "Nga": "娥",
    "Ngan": "銀银", "Nhu": "如", "Nhung": "絨绒", "Oanh": "鶯莺", "Phong": "風风豐丰峰鋒锋", "Phung": "馮冯逢",
    "Phu": "富夫扶", "Phat": "發发", "Phi": "飛飞", "Quynh": "瓊琼", "Quan": "君軍军觀观關关", "Quyen": "權权娟",
    "Sang": "創创", "Sinh": "生", "Tin": "信", "Tiep": "接", "Tinh": "靖晶精靜静星", "Uyen": "鴛鸳淵渊",
    "Thach": "石", "Thuc": "淑", "Hiep": "協协", "Hau": "厚", "Khai": "開开凱凯啟启", "Khang": "康",
    "Khiem": "謙谦", "Khoi": "魁", "Kiet": "傑杰", "Lap": "立", "Liem": "廉", "Loi": "利", "Luan": "倫伦",
    "Nghi": "宜毅", "Tham": "深", "Thiet": "鐵铁", "Thuong": "常尚", "Diep": "葉叶", "Han": "韓韩", "Hao": "豪",
    "Lien": "蓮莲", "Nhi": "兒儿", "My": "美", "Mau": "茂", "Hoai": "懷怀", "Kien": "堅坚建", "Loan": "鸞鸾",
    "Trieu": "趙赵", "Truc": "竹", "Vien": "圓圆", "Xuong": "昌", "Y": "意",
}  # fmt: skip
HAN_VIET: dict[str, str] = {ch: reading.strip() for reading, chars in _HAN_VIET_GROUPS.items() for ch in chars}

# The characters that write the frequent surnames, the first of a name; the readings above also hold surname
# characters that are common words (元, 长, 定), which cannot open a name found in running text.
NAME_OPENING_SURNAMES = frozenset(
    "阮陳陈黎范範黃黄潘武鄧邓裴杜胡吳吴楊杨李張张丁梅高林鄭"
    "郑陶段梁賴赖劉刘謝谢蔡朱何喬乔郭宋趙赵王歐欧屈嚴严江羅罗"
)


def read_han_name(text: str) -> str | None:
    """A Vietnamese name of two to four characters, the first a surname; None for anything else."""
    chars = "".join(text.split())
    if not 2 <= len(chars) <= 4 or chars[0] not in NAME_OPENING_SURNAMES:
        return None
    syllables = [HAN_VIET.get(char) for char in chars]
    return " ".join(syllables) if all(syllables) else None  # type: ignore[arg-type]


# The provinces' Chinese names (simplified; traditional where it differs).
HAN_PROVINCES = {
    "An Giang": "安江", "Ba Ria - Vung Tau": "巴地头顿 巴地頭頓", "Bac Giang": "北江", "Bac Kan": "北件 北𣴓",
    "Bac Lieu": "薄辽 薄遼", "Bac Ninh": "北宁 北寧", "Ben Tre": "槟椥 檳椥", "Binh Dinh": "平定",
    "Binh Duong": "平阳 平陽", "Binh Phuoc": "平福", "Binh Thuan": "平顺 平順", "Ca Mau": "金瓯 金甌",
    "Can Tho": "芹苴", "Cao Bang": "高平", "Da Nang": "岘港 峴港", "Dak Lak": "多乐 多樂", "Dak Nong": "得农 得農",
    "Dien Bien": "奠边 奠邊", "Dong Nai": "同奈", "Dong Thap": "同塔", "Gia Lai": "嘉莱 嘉萊", "Ha Giang": "河江",
    "Ha Nam": "河南", "Ha Tinh": "河静 河靜", "Hai Duong": "海阳 海陽", "Hai Phong": "海防",
    "Hau Giang": "后江 後江", "Hoa Binh": "和平", "Hung Yen": "兴安 興安", "Khanh Hoa": "庆和 慶和",
    "Kien Giang": "坚江 堅江", "Kon Tum": "昆嵩", "Lai Chau": "莱州 萊州", "Lam Dong": "林同",
    "Lang Son": "谅山 諒山", "Lao Cai": "老街", "Long An": "隆安", "Nam Dinh": "南定", "Nghe An": "乂安 義安 义安",
    "Ninh Binh": "宁平 寧平", "Ninh Thuan": "宁顺 寧順", "Phu Tho": "富寿 富壽", "Phu Yen": "富安",
    "Quang Binh": "广平 廣平", "Quang Nam": "广南 廣南", "Quang Ngai": "广义 廣義", "Quang Ninh": "广宁 廣寧",
    "Quang Tri": "广治 廣治", "Soc Trang": "朔庄 朔莊", "Son La": "山罗 山羅", "Tay Ninh": "西宁 西寧",
    "Thai Binh": "太平", "Thai Nguyen": "太原", "Thanh Hoa": "清化", "Thua Thien Hue": "承天顺化 承天順化",
    "Tien Giang": "前江", "Ho Chi Minh City": "胡志明市", "Tra Vinh": "茶荣 茶榮", "Tuyen Quang": "宣光",
    "Vinh Long": "永隆", "Vinh Phuc": "永福", "Yen Bai": "安沛", "Hanoi": "河内 河內",
}  # fmt: skip

# Syllables of province names, read in Hangul after the name syllables (which win a shared spelling).
_PLACE_SYLLABLES = tuple(
    dict.fromkeys(word for name in HAN_PROVINCES for word in name.replace("-", " ").split() if word != "City")
)
