#pragma once
// Text encodings of the CSV files that Excel and WPS write.

#include <string>
#include <string_view>

namespace safeassess::io {

enum class Encoding { Auto, Utf8, Gb18030 };

// Parses "auto", "utf-8"/"utf8", "gb18030"/"gbk"/"gb2312" (GBK and GB2312 are subsets of
// GB18030). Throws UsageError otherwise.
[[nodiscard]] Encoding parse_encoding(std::string_view name);

// Decodes `bytes` to UTF-8 in place and returns the offset where the text starts (past a
// UTF-8 byte-order mark). Auto: a BOM or valid UTF-8 means UTF-8, anything else is read
// as GB18030. Throws InputError naming `display` if the bytes are not valid in the
// chosen encoding.
std::size_t decode_to_utf8(std::string& bytes, Encoding encoding, const std::string& display);

}  // namespace safeassess::io
