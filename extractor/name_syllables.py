"""Vietnamese name syllables (without diacritics), most frequent first: what names in other scripts are read as."""

from __future__ import annotations

# Vietnamese name syllables, most frequent first: the surnames (rules.VIETNAMESE_SURNAMES), then common middle and
# given names (general name statistics, not any article's names).
SURNAMES = (
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo",
    "Duong", "Ly", "Truong", "Dinh", "Mai", "Cao", "Lam", "Trinh", "Dao", "Doan", "Luong", "Lai", "Luu", "Ta",
    "Thai", "Chu", "Ha", "Kieu", "Quach", "Tong", "Trieu", "Vuong", "Au", "Khuat", "Nghiem", "Giang", "Lo", "La",
)  # fmt: skip
# Surnames less frequent than those, read as a name's first word (rules.VIETNAMESE_SURNAMES) in Latin letters and
# in Cyrillic but not offered to the syllable readers of other scripts: further Kinh surnames (Phùng, Đàm, Tăng,
# Tôn, Mạc, Hàn, Khổng, Lữ, Bạch, Bành, Cù, Giáp, Hứa, Kha, Khúc, Liêu, Mẫn, Phí, Phương, Quan, Thân, Thiều, Tiêu,
# Tô, Ung, Diệp, Châu, Nhâm, Tất, Ninh, Khương) and the common surnames of the larger minorities: Tày and Nùng (Nông,
# Vi, Ma, Lục, Bế, Lộc), Thái (Cầm, Cà, Quàng, Sầm; Vi too), Hmong (Sùng, Thào, Vàng, Mùa, Lầu, Hầu) and Khmer
# (Danh, Thạch, Sơn, Kim). Left out are those that are also words a capitalized name often follows or that open
# capitalized phrases: Văn, Y, Ông (Mr), Bàn, Từ, Cấn, Hàng, Chảo, Đậu.
LESS_FREQUENT_SURNAMES = (
    "Phung", "Dam", "Tang", "Ton", "Mac", "Han", "Khong", "Lu", "Bach", "Banh", "Cu", "Giap", "Hua", "Kha",
    "Khuc", "Lieu", "Man", "Phi", "Phuong", "Quan", "Than", "Thieu", "Tieu", "To", "Ung", "Diep", "Chau", "Nham", "Tat",
    "Ninh", "Khuong", "Nong", "Vi", "Ma", "Luc", "Be", "Loc", "Cam", "Ca", "Quang", "Sam", "Sung", "Thao", "Vang",
    "Mua", "Lau", "Hau", "Danh", "Thach", "Son", "Kim",
)  # fmt: skip
GIVEN_NAME_SYLLABLES = (
    "Van", "Thi", "Duc", "Minh", "Thanh", "Quang", "Hong", "Ngoc", "Xuan", "Huu", "Kim", "Anh", "Tuan", "Hung",
    "Dung", "Hai", "Nam", "Son", "Long", "Binh", "Trung", "Quoc", "Cuong", "Thang", "Phuong", "Linh", "Hoa", "Thu",
    "Huong", "Lan", "Hien", "Hieu", "Huy", "Phong", "Dong", "Trong", "Tien", "Thinh", "Tung", "Viet", "Khanh",
    "Chi", "Tri", "Tam", "Tan", "Tai", "Thao", "Trang", "Thuy", "Hanh", "Loan", "Nga", "Nhung", "Yen", "Vinh",
    "Loc", "Phuc", "Dat", "Khoa", "Bao", "Toan", "Cong", "Ba", "Dai", "Manh", "Hoai", "Khai", "Khang", "Kien",
    "My", "Nhan", "Nghia", "Phu", "Quy", "Quyen", "Quynh", "Sang", "Tho", "Thuan", "Thuong", "Tu", "Tuyen",
    "Tuyet", "Uyen", "Diep", "Dieu", "Duy", "Han", "Hang", "Hao", "Hue", "Huyen", "Liem", "Lien", "Ngan",
    "Nguyet", "Nhat", "Nhi", "Oanh", "Tinh", "Chinh", "Chau", "Hiep", "Tiep", "Luan", "Khoi", "Vy", "Phat",
    "Thien", "Mau",
)  # fmt: skip

# The candidates a spelling in another script is matched against, most frequent first.
NAME_SYLLABLES = tuple(dict.fromkeys((*SURNAMES, *GIVEN_NAME_SYLLABLES)))

# Less frequent syllables of given and middle names, read where a script spells every syllable unambiguously
# (Hangul), after the frequent ones.
LESS_FREQUENT_NAME_SYLLABLES = (
    "Thong", "To", "Man", "Khiem", "Chien", "Dien", "Giap", "Hoan", "Hop", "Khuong", "Lap", "Ninh", "Nhu", "Phi",
    "Sinh", "Sy", "Thach", "Than", "Thoa", "Tra", "Tuong", "Vien", "Ky", "Bang", "Cam", "Chung", "Hau",
    "Hoc", "Kha", "Lanh", "Luc", "Quan", "Quyet", "Sam", "Tao", "Thiep", "Thuc", "Truc", "Uy", "Xuyen", "Bich",
    "Canh", "Dam", "Danh", "Du", "Giao", "Hoi", "Hy", "Khue", "Lang", "Lich", "Mien", "Nhien", "Sau",
    "Thiet", "Thom", "Trac", "Vi", "Bay",
)  # fmt: skip

# Machine translation sometimes translates a name syllable that is also a word: Xuân (spring), Hạ (summer),
# Thu (autumn), Đông (winter), Hoa (flower). These are the dictionary words for them in the languages the
# portal translates into (Latin script; Cyrillic and other scripts are read by sound), longest first so that
# Malay "musim bunga" (spring) is read before "bunga" (flower).
TRANSLATED_SYLLABLES: dict[str, str] = {
    # spring
    "musim semi": "Xuan", "musim bunga": "Xuan", "spring": "Xuan", "printemps": "Xuan", "frühling": "Xuan",
    "primavera": "Xuan", "primăvară": "Xuan", "primăvara": "Xuan", "lente": "Xuan", "vår": "Xuan",
    "wiosna": "Xuan", "jaro": "Xuan", "jar": "Xuan", "tavasz": "Xuan", "ilkbahar": "Xuan", "bahar": "Xuan",
    "kevät": "Xuan",
    # summer
    "musim panas": "Ha", "summer": "Ha", "été": "Ha", "sommer": "Ha", "verano": "Ha", "verão": "Ha",
    "estate": "Ha", "vară": "Ha", "vara": "Ha", "zomer": "Ha", "sommar": "Ha", "lato": "Ha", "léto": "Ha",
    "leto": "Ha", "nyár": "Ha", "yaz": "Ha", "kesä": "Ha",
    # autumn
    "musim gugur": "Thu", "musim luruh": "Thu", "autumn": "Thu", "automne": "Thu", "herbst": "Thu",
    "otoño": "Thu", "outono": "Thu", "autunno": "Thu", "toamnă": "Thu", "toamna": "Thu", "herfst": "Thu",
    "höst": "Thu", "jesień": "Thu", "podzim": "Thu", "jeseň": "Thu", "ősz": "Thu", "sonbahar": "Thu",
    "syksy": "Thu",
    # winter
    "musim dingin": "Dong", "musim sejuk": "Dong", "winter": "Dong", "hiver": "Dong", "invierno": "Dong",
    "inverno": "Dong", "iarnă": "Dong", "iarna": "Dong", "vinter": "Dong", "zima": "Dong", "tél": "Dong",
    "kış": "Dong", "talvi": "Dong",
    # flower
    "flower": "Hoa", "fleur": "Hoa", "blume": "Hoa", "flor": "Hoa", "fiore": "Hoa", "floare": "Hoa",
    "bloem": "Hoa", "blomma": "Hoa", "kwiat": "Hoa", "květ": "Hoa", "květina": "Hoa", "kvet": "Hoa",
    "virág": "Hoa", "çiçek": "Hoa", "bunga": "Hoa", "kukka": "Hoa",
}  # fmt: skip
