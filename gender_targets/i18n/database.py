"""Catalogue part: database servers, replicas and deployment. Merged into ``gender_targets.i18n.MESSAGES``.

``store.<code>`` entries are the words of ``store.StoreError`` codes raised when the database cannot
be reached or written (``store._db_error``). Parameters: ``server`` (the SQLite file, or the server
address without its password), ``detail`` (the database's own words, for whoever runs the server),
``host``, ``port``, ``database``, ``user`` (PostgreSQL only).
"""

from __future__ import annotations

_NOTHING = (
    "Thao tác vừa rồi không được thực hiện; số liệu đã lưu không bị thay đổi.",
    "The operation was not carried out; the stored data is unchanged.",
)

DATABASE_MESSAGES: dict[str, tuple[str, str]] = {
    "store.connect_refused": (
        "Không kết nối được tới máy chủ cơ sở dữ liệu {host}:{port}: máy chủ không trả lời (chưa chạy, sai "
        "cổng, hoặc bị tường lửa chặn). " + _NOTHING[0] + " Hãy kiểm tra máy chủ PostgreSQL đang chạy và địa "
        "chỉ trong GENDER_TARGETS_DB (hoặc --db).",
        "Could not connect to the database server {host}:{port}: it does not answer (not running, wrong "
        "port, or blocked by a firewall). " + _NOTHING[1] + " Check that the PostgreSQL server is running and "
        "the address in GENDER_TARGETS_DB (or --db).",
    ),
    "store.host_unknown": (
        "Không tìm thấy máy chủ cơ sở dữ liệu {host} (tên máy sai hoặc mạng chưa kết nối). "
        + _NOTHING[0]
        + " Hãy kiểm tra địa chỉ trong GENDER_TARGETS_DB (hoặc --db).",
        "The database server {host} was not found (wrong host name, or no network). "
        + _NOTHING[1]
        + " Check the address in GENDER_TARGETS_DB (or --db).",
    ),
    "store.connect_timeout": (
        "Máy chủ cơ sở dữ liệu {host}:{port} không trả lời trong thời gian chờ. "
        + _NOTHING[0]
        + " Hãy kiểm tra mạng và máy chủ rồi thử lại.",
        "The database server {host}:{port} did not answer in time. "
        + _NOTHING[1]
        + " Check the network and the server, then try again.",
    ),
    "store.connect_ssl": (
        "Không thiết lập được kết nối an toàn (SSL) tới máy chủ cơ sở dữ liệu {host}:{port} ({detail}). "
        + _NOTHING[0]
        + " Hãy kiểm tra tham số sslmode trong địa chỉ cơ sở dữ liệu.",
        "Could not set up a secure (SSL) connection to the database server {host}:{port} ({detail}). "
        + _NOTHING[1]
        + " Check the sslmode parameter of the database address.",
    ),
    "store.auth_failed": (
        'Máy chủ cơ sở dữ liệu {host}:{port} từ chối đăng nhập của người dùng "{user}" (sai tên người dùng '
        "hoặc mật khẩu, hoặc máy này không được phép kết nối). "
        + _NOTHING[0]
        + " Hãy kiểm tra tên người dùng và mật khẩu trong GENDER_TARGETS_DB (hoặc --db), hoặc hỏi người "
        "quản trị máy chủ.",
        'The database server {host}:{port} refused to sign in user "{user}" (wrong user name or password, '
        "or this computer is not allowed to connect). "
        + _NOTHING[1]
        + " Check the user name and password in GENDER_TARGETS_DB (or --db), or ask the server's "
        "administrator.",
    ),
    "store.database_missing": (
        'Máy chủ {host}:{port} chưa có cơ sở dữ liệu "{database}". Hãy tạo nó trước (ví dụ: createdb '
        "{database}), hoặc sửa tên trong GENDER_TARGETS_DB (hoặc --db).",
        'The server {host}:{port} has no database "{database}". Create it first (for example: createdb '
        "{database}), or correct the name in GENDER_TARGETS_DB (or --db).",
    ),
    "store.too_many_connections": (
        "Máy chủ cơ sở dữ liệu {server} đang có quá nhiều kết nối. "
        + _NOTHING[0]
        + " Hãy thử lại sau ít phút; nếu lặp lại, người quản trị cần tăng max_connections hoặc giảm số bản "
        "chạy của ứng dụng.",
        "The database server {server} has too many connections. "
        + _NOTHING[1]
        + " Try again in a few minutes; if it happens again, the administrator should raise max_connections "
        "or run fewer replicas of the application.",
    ),
    "store.connection_lost": (
        "Mất kết nối tới máy chủ cơ sở dữ liệu {server} (máy chủ vừa dừng, đang khởi động lại hoặc mạng bị "
        "ngắt). " + _NOTHING[0] + " Hãy thử lại sau ít phút.",
        "The connection to the database server {server} was lost (the server stopped, is restarting, or "
        "the network dropped). " + _NOTHING[1] + " Try again in a few minutes.",
    ),
    "store.unavailable": (
        "Không kết nối được tới cơ sở dữ liệu {server} ({detail}). "
        + _NOTHING[0]
        + " Hãy kiểm tra địa chỉ trong GENDER_TARGETS_DB (hoặc --db) và máy chủ cơ sở dữ liệu.",
        "Could not connect to the database {server} ({detail}). "
        + _NOTHING[1]
        + " Check the address in GENDER_TARGETS_DB (or --db) and the database server.",
    ),
    "store.disk_full": (
        "Ổ đĩa chứa cơ sở dữ liệu {server} đã đầy nên không ghi được. "
        + _NOTHING[0]
        + " Hãy giải phóng dung lượng ổ đĩa rồi thử lại.",
        "The disk holding the database {server} is full, so nothing could be written. "
        + _NOTHING[1]
        + " Free some disk space and try again.",
    ),
    "store.io_error": (
        "Lỗi đọc/ghi ổ đĩa khi dùng cơ sở dữ liệu {server} ({detail}). "
        + _NOTHING[0]
        + " Hãy kiểm tra ổ đĩa (hoặc thư mục mạng) rồi thử lại.",
        "A disk read/write error occurred on the database {server} ({detail}). "
        + _NOTHING[1]
        + " Check the disk (or network folder) and try again.",
    ),
    "store.out_of_memory": (
        "Máy chủ cơ sở dữ liệu {server} hết bộ nhớ. " + _NOTHING[0] + " Hãy thử lại sau.",
        "The database {server} ran out of memory. " + _NOTHING[1] + " Try again later.",
    ),
    "store.busy": (
        "Cơ sở dữ liệu {server} đang bận (một người khác đang ghi số liệu) và đã chờ quá lâu. "
        + _NOTHING[0]
        + " Hãy thử lại sau ít phút.",
        "The database {server} is busy (someone else is writing) and the wait took too long. "
        + _NOTHING[1]
        + " Try again in a few minutes.",
    ),
    "store.read_only": (
        "Cơ sở dữ liệu {server} chỉ cho phép đọc nên không ghi được. "
        + _NOTHING[0]
        + " Hãy kiểm tra quyền ghi của tệp (hoặc của tài khoản trên máy chủ).",
        "The database {server} is read-only, so nothing could be written. "
        + _NOTHING[1]
        + " Check the write permission of the file (or of the server account).",
    ),
    "store.cannot_open": (
        "Không mở được tệp cơ sở dữ liệu {server} ({detail}): thư mục không tồn tại hoặc không có quyền. "
        "Hãy kiểm tra đường dẫn trong GENDER_TARGETS_DB (hoặc --db) và quyền của thư mục.",
        "Could not open the database file {server} ({detail}): the folder does not exist or access is "
        "denied. Check the path in GENDER_TARGETS_DB (or --db) and the folder's permissions.",
    ),
    "store.permission": (
        "Tài khoản cơ sở dữ liệu không có quyền làm việc này trên {server} ({detail}). "
        + _NOTHING[0]
        + " Người quản trị máy chủ cần cấp quyền cho tài khoản (chủ sở hữu cơ sở dữ liệu).",
        "The database account is not allowed to do this on {server} ({detail}). "
        + _NOTHING[1]
        + " The server's administrator should grant the account its rights (database owner).",
    ),
    "store.schema_broken": (
        "Cơ sở dữ liệu {server} thiếu bảng hoặc cột mà ứng dụng cần ({detail}); có thể ai đó đã sửa nó bằng "
        "tay. " + _NOTHING[0] + " Hãy khôi phục từ bản sao lưu.",
        "The database {server} lacks a table or column this application needs ({detail}); someone may have "
        "edited it by hand. " + _NOTHING[1] + " Restore it from a backup.",
    ),
    "store.damaged_server": (
        "Máy chủ cơ sở dữ liệu báo dữ liệu của {server} bị hỏng ({detail}). "
        + _NOTHING[0]
        + " Hãy khôi phục từ bản sao lưu (pg_restore) và báo người quản trị máy chủ.",
        "The database server reports that the data of {server} is damaged ({detail}). "
        + _NOTHING[1]
        + " Restore it from a backup (pg_restore) and tell the server's administrator.",
    ),
    "store.database_error": (
        "Cơ sở dữ liệu {server} báo lỗi ({detail}). " + _NOTHING[0] + " Hãy thử lại; nếu lặp lại, hãy báo "
        "người quản trị kèm nội dung lỗi này.",
        "The database {server} reported an error ({detail}). " + _NOTHING[1] + " Try again; if it happens "
        "again, tell the administrator with this message.",
    ),
    "store.driver_missing": (
        "Chưa cài trình kết nối cho loại cơ sở dữ liệu {backend}. Với PostgreSQL hãy dùng địa chỉ "
        "postgresql+psycopg://… và cài các gói trong requirements.txt.",
        "No driver is installed for the database type {backend}. For PostgreSQL use an address "
        "postgresql+psycopg://… and install requirements.txt.",
    ),
    "store.bad_url": (
        "Địa chỉ cơ sở dữ liệu không hợp lệ: {url}. Ví dụ đúng: data/gender_targets.db (tệp SQLite) hoặc "
        "postgresql+psycopg://người_dùng:mật_khẩu@máy_chủ:5432/tên_csdl.",
        "The database address is not valid: {url}. Valid examples: data/gender_targets.db (an SQLite file) "
        "or postgresql+psycopg://user:password@host:5432/dbname.",
    ),
}
