// reports/terminal_text.h and reports/csv_report.h's csv_cell: text a file
// supplies, made safe for a terminal and for a spreadsheet (issue 14).
#include <catch2/catch.hpp>

#include "reports/csv_report.h"
#include "reports/terminal_text.h"

TEST_CASE("terminal_text: controls, DEL, C1 and bytes that are not UTF-8 are shown escaped") {
  CHECK(reports::terminal_text("plain text\nline two") == "plain text\nline two");
  CHECK(reports::terminal_text("caf\xC3\xA9 \xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");
  CHECK(reports::terminal_text("evil\x1b[2J\x1b]0;t\x07") == "evil\\x1b[2J\\x1b]0;t\\x07");
  CHECK(reports::terminal_text("a\tb\rc\x7f") == "a\\tb\\rc\\x7f");
  CHECK(reports::terminal_text("csi \xC2\x9B" "31m") == "csi \\u009b31m");  // C1 CSI as UTF-8
  CHECK(reports::terminal_text("raw \x9B" "31m \xE9") == "raw \\x9b31m \\xe9");
  CHECK(reports::terminal_text("\xC2\xA0") == "\xC2\xA0");  // U+00A0 is printable
  CHECK(reports::terminal_text(std::string("nul\0x", 5)) == "nul\\x00x");
}

TEST_CASE("utf8_sequence_length: RFC 3629's well-formed sequences only") {
  CHECK(reports::utf8_sequence_length("\xC3\xA9") == 2);
  CHECK(reports::utf8_sequence_length("\xE2\x82\xAC") == 3);
  CHECK(reports::utf8_sequence_length("\xF0\x9F\x98\x80") == 4);
  CHECK(reports::utf8_sequence_length("\xC0\xAF") == 0);          // overlong
  CHECK(reports::utf8_sequence_length("\xE0\x80\xAF") == 0);      // overlong
  CHECK(reports::utf8_sequence_length("\xED\xA0\x80") == 0);      // a surrogate
  CHECK(reports::utf8_sequence_length("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(reports::utf8_sequence_length("\xE2\x82") == 0);          // cut short
  CHECK(reports::utf8_sequence_length("\x80") == 0);
}

TEST_CASE("csv_cell: quoted as RFC 4180 asks; formulas neutralised, plain numbers kept") {
  CHECK(reports::csv_cell("us-east-1") == "us-east-1");
  CHECK(reports::csv_cell("a,b") == "\"a,b\"");
  CHECK(reports::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(reports::csv_cell("=1+1") == "'=1+1");
  CHECK(reports::csv_cell("+1") == "'+1");
  CHECK(reports::csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(reports::csv_cell("-A1") == "'-A1");
  CHECK(reports::csv_cell("-5ms") == "'-5ms");
  CHECK(reports::csv_cell("\tx") == "'\tx");
  CHECK(reports::csv_cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  CHECK(reports::csv_cell("-5") == "-5");
  CHECK(reports::csv_cell("-0.25") == "-0.25");
  CHECK(reports::csv_cell("-") == "'-");
  CHECK(reports::csv_cell("-1.") == "'-1.");
}
