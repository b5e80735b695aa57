// JsonWriter: builds JSON text with keys in the order they are written.
//
// Reports must be byte-stable (docs/design.md, law 1), so there is no map to
// iterate: the caller's code order is the key order. Integers are exact;
// strings are escaped per RFC 8259. Two-space indentation and one value per
// line, so that a `diff` of two reports reads figure by figure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reports {

class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(int64_t number);
  void value(uint64_t number);
  void value(int number) { value(static_cast<int64_t>(number)); }
  void value(bool flag);
  // A fixed-point number with `decimals` digits after the point.
  void fixed(double number, int decimals);
  // The exact decimal scaled / 10^decimals (1 to 18), every decimal written:
  // decimal(625, 6) is 0.000625. Money and prices, which must read back as
  // written.
  void decimal(int64_t scaled, int decimals);

  // A whole array of integers on one line: series stay one line each, so a
  // diff of two reports shows which series changed.
  void compact_array(const std::vector<int64_t>& numbers);
  // The same, with `null` for each entry equal to `none` (a series' "no value").
  void compact_array(const std::vector<int64_t>& numbers, int64_t none);
  // The same for milli-values printed with `decimals` decimals (value / 1000).
  void compact_milli_array(const std::vector<int64_t>& milli, int decimals);

  // Convenience: key then value.
  template <class T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  // The finished document, with a final newline. REQUIRES: all closed.
  std::string str() const;

 private:
  void before_value();
  void newline();

  std::string out_;
  struct Level {
    bool is_object;
    bool empty;
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

std::string json_escape(std::string_view text);

}  // namespace reports
