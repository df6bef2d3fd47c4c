// Flat plain-data messages (js/messaging.h): their shapes and their text.
//
// A message that is one plain object of primitives ({seq: 1, text: 'hi'},
// the common message of a stream) crosses as the JSON text of its values
// ('1,"hi"', written here from the values themselves) and the id of its
// keys' shape, registered here once per process. The receiver parses a run
// of one shape as one JSON array of values and builds its objects with a
// function made for the shape (internal/worker/io.js): about a third of the
// cost of parsing the objects, whose keys V8's JSON parser looks up in the
// string table one by one.
#include <stdint.h>

#include <string.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "js/messaging.h"

namespace shard {
namespace {

constexpr uint32_t kMaxShapes = 4096;

// Process-wide by nature: a shape's id means the same on every thread.
// Append-only, never freed (bounded: kMaxShapes shapes of at most
// kMaxShapeKeys short keys). Readers find a shape without the lock.
struct ShapeRegistry {
  std::mutex lock;
  std::unordered_map<std::string, uint32_t> ids; // keys joined by '\0' -> id
  std::atomic<const MessageShape *> shapes[kMaxShapes] = {};
  uint32_t count = 0;
};

ShapeRegistry &Registry() {
  static ShapeRegistry *registry = new ShapeRegistry();
  return *registry;
}

}  // namespace

int InternShape(std::vector<std::string> keys) {
  if (keys.empty() || keys.size() > kMaxShapeKeys) {
    return -1;
  }
  std::string joined;
  for (const std::string &key : keys) {
    if (key.size() > kMaxShapeKeyLength || key == "__proto__") {
      return -1;
    }
    for (unsigned char c : key) {
      if (c < 0x20 || c == '"' || c == '\\') {
        return -1; // needs escaping in JSON: such keys go as JSON objects
      }
    }
    joined += key;
    joined += '\0';
  }
  ShapeRegistry &registry = Registry();
  std::lock_guard<std::mutex> guard(registry.lock);
  auto found = registry.ids.find(joined);
  if (found != registry.ids.end()) {
    return static_cast<int>(found->second);
  }
  if (registry.count == kMaxShapes) {
    return -1;
  }
  uint32_t id = registry.count++;
  registry.ids.emplace(std::move(joined), id);
  registry.shapes[id].store(new MessageShape{std::move(keys)}, std::memory_order_release);
  return static_cast<int>(id);
}

const MessageShape *FindShape(double id) {
  if (!(id >= 0 && id < kMaxShapes)) {
    return nullptr;
  }
  return Registry().shapes[static_cast<uint32_t>(id)].load(std::memory_order_acquire);
}

namespace {

// The values of a values text, one after the other: JSON primitives
// (strings, numbers, true, false, null) separated by commas, a comma
// outside a string ending a value.
class ValueTokens {
 public:
  ValueTokens(const uint8_t *text, size_t length) : text_(text), length_(length) {}
  // The next value's text in [*begin, *end); false when the text has no
  // more values or does not fit that form.
  bool Next(const uint8_t **begin, const uint8_t **end) {
    if (at_ > 0) {
      if (at_ >= length_ || text_[at_] != ',') {
        return false;
      }
      at_++;
    }
    size_t start = at_;
    if (at_ < length_ && text_[at_] == '"') {
      for (at_++; at_ < length_ && text_[at_] != '"'; at_++) {
        if (text_[at_] == '\\') {
          at_++;
        }
      }
      if (at_ >= length_) {
        return false;
      }
      at_++;
    } else {
      while (at_ < length_ && text_[at_] != ',') {
        at_++;
      }
    }
    *begin = text_ + start;
    *end = text_ + at_;
    return at_ > start;
  }
  bool Done() const { return at_ == length_; }

 private:
  const uint8_t *text_;
  size_t length_;
  size_t at_ = 0;
};

}  // namespace

bool ShapedToJSON(const MessageShape &shape, const uint8_t *values, size_t length, std::vector<uint8_t> *out) {
  out->clear();
  ValueTokens tokens(values, length);
  for (size_t k = 0; k < shape.keys.size(); k++) {
    const uint8_t *begin, *end;
    if (!tokens.Next(&begin, &end)) {
      return false;
    }
    out->push_back(k == 0 ? '{' : ',');
    out->push_back('"');
    out->insert(out->end(), shape.keys[k].begin(), shape.keys[k].end());
    out->push_back('"');
    out->push_back(':');
    out->insert(out->end(), begin, end);
  }
  if (!tokens.Done()) {
    return false;
  }
  out->push_back('}');
  return true;
}

namespace {

bool NeedsJSONEscape(uint16_t c) { return c < 0x20 || c == '"' || c == '\\' || c > 0xff; }

// c as JSON string text: escaped if it must be, or if it is past Latin-1
// (the text stays one-byte; JSON.parse gives back the same code unit, a
// lone surrogate included).
void AppendJSONChar(uint16_t c, std::string *out) {
  static const char kHex[] = "0123456789abcdef";
  if (!NeedsJSONEscape(c)) {
    out->push_back(static_cast<char>(c));
    return;
  }
  out->push_back('\\');
  switch (c) {
    case '"':
    case '\\':
      out->push_back(static_cast<char>(c));
      return;
    case '\n':
      out->push_back('n');
      return;
    case '\r':
      out->push_back('r');
      return;
    case '\t':
      out->push_back('t');
      return;
    default:
      out->push_back('u');
      for (int shift = 12; shift >= 0; shift -= 4) {
        out->push_back(kHex[(c >> shift) & 0xf]);
      }
  }
}

void AppendJSONString(v8::Isolate *isolate, v8::Local<v8::String> str, std::string *out) {
  int length = str->Length();
  out->push_back('"');
  if (str->IsOneByte()) {
    // Most strings need no escape: copied as they are, then checked.
    size_t at = out->size();
    out->resize(at + static_cast<size_t>(length));
    str->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(&(*out)[at]), 0, length, v8::String::NO_NULL_TERMINATION);
    size_t i = at;
    while (i < out->size() && !NeedsJSONEscape(static_cast<uint8_t>((*out)[i]))) {
      i++;
    }
    if (i < out->size()) {
      std::string rest(out->begin() + static_cast<std::ptrdiff_t>(i), out->end());
      out->resize(i);
      for (char c : rest) {
        AppendJSONChar(static_cast<uint8_t>(c), out);
      }
    }
  } else {
    thread_local std::vector<uint16_t> wide; // reused
    wide.resize(static_cast<size_t>(length));
    str->Write(isolate, wide.data(), 0, length, v8::String::NO_NULL_TERMINATION);
    for (uint16_t c : wide) {
      AppendJSONChar(c, out);
    }
  }
  out->push_back('"');
}

}  // namespace

bool AppendJSONPrimitive(v8::Isolate *isolate, v8::Local<v8::Value> value, std::string *out) {
  char digits[32];
  if (value->IsString()) {
    if (value.As<v8::String>()->Length() > kMaxFlatString) {
      return false; // V8's serializer copies a long string faster
    }
    AppendJSONString(isolate, value.As<v8::String>(), out);
  } else if (value->IsInt32()) {
    std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, value.As<v8::Int32>()->Value());
    out->append(digits, end.ptr);
  } else if (value->IsNumber()) {
    // The shortest text that reads back as the same double (JSON writes
    // both zeros as 0, and has no NaN or infinities).
    double number = value.As<v8::Number>()->Value();
    if (!std::isfinite(number) || (number == 0 && std::signbit(number))) {
      return false;
    }
    std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, number);
    out->append(digits, end.ptr);
  } else if (value->IsTrue()) {
    out->append("true");
  } else if (value->IsFalse()) {
    out->append("false");
  } else if (value->IsNull()) {
    out->append("null");
  } else {
    return false;
  }
  return true;
}

namespace {

// The last string of a column of a run (ParseShapedRun). A string equal,
// as text, to it is that string again: a stream repeats its tags and
// names, and a new string for each would be a copy and a string-table
// lookup (V8's JSON parser internalizes short strings) every time.
struct Column {
  std::string text;            // the last string's JSON text, quotes included
  v8::Local<v8::String> value; // ...and the string
};

bool HexDigit(uint8_t c, unsigned *out) {
  if (c >= '0' && c <= '9') {
    *out = c - '0';
  } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
    *out = (c | 0x20) - 'a' + 10;
  } else {
    return false;
  }
  return true;
}

// The string of the JSON string text [begin, end) (its quotes left out).
v8::MaybeLocal<v8::String> DecodeJSONString(v8::Isolate *isolate, const uint8_t *begin, const uint8_t *end) {
  if (std::find(begin, end, '\\') == end) {
    return v8::String::NewFromOneByte(isolate, begin, v8::NewStringType::kNormal, static_cast<int>(end - begin));
  }
  thread_local std::vector<uint16_t> units; // reused
  units.clear();
  for (const uint8_t *p = begin; p < end; p++) {
    if (*p != '\\') {
      units.push_back(*p);
      continue;
    }
    if (++p == end) {
      return {};
    }
    switch (*p) {
      case 'n': units.push_back('\n'); break;
      case 'r': units.push_back('\r'); break;
      case 't': units.push_back('\t'); break;
      case 'b': units.push_back('\b'); break;
      case 'f': units.push_back('\f'); break;
      case 'u': {
        unsigned unit = 0;
        for (int i = 0; i < 4; i++) {
          unsigned digit;
          if (++p == end || !HexDigit(*p, &digit)) {
            return {};
          }
          unit = unit << 4 | digit;
        }
        units.push_back(static_cast<uint16_t>(unit));
        break;
      }
      default: // '"', '\\', '/'
        units.push_back(*p);
    }
  }
  return v8::String::NewFromTwoByte(isolate, units.data(), v8::NewStringType::kNormal, static_cast<int>(units.size()));
}

// The V8 value of one value's text [begin, end) (ValueTokens).
bool ReadValue(v8::Isolate *isolate, const uint8_t *begin, const uint8_t *end, Column *column,
               v8::Local<v8::Value> *out) {
  size_t size = static_cast<size_t>(end - begin);
  if (*begin == '"') {
    if (!column->value.IsEmpty() && column->text.size() == size && memcmp(column->text.data(), begin, size) == 0) {
      *out = column->value;
      return true;
    }
    v8::Local<v8::String> value;
    if (!DecodeJSONString(isolate, begin + 1, end - 1).ToLocal(&value)) {
      return false;
    }
    column->text.assign(reinterpret_cast<const char *>(begin), size);
    column->value = value;
    *out = value;
    return true;
  }
  const char *from = reinterpret_cast<const char *>(begin);
  if (size == 4 && memcmp(from, "true", 4) == 0) {
    *out = v8::True(isolate);
  } else if (size == 5 && memcmp(from, "false", 5) == 0) {
    *out = v8::False(isolate);
  } else if (size == 4 && memcmp(from, "null", 4) == 0) {
    *out = v8::Null(isolate);
  } else {
    double number;
    std::from_chars_result parsed = std::from_chars(from, from + size, number);
    if (parsed.ec != std::errc() || parsed.ptr != from + size) {
      return false;
    }
    *out = v8::Number::New(isolate, number);
  }
  return true;
}

}  // namespace

v8::MaybeLocal<v8::Array> ParseShapedRun(v8::Isolate *isolate, const MessageShape &shape, const MessageList &msgs,
                                         size_t from, size_t count) {
  size_t width = shape.keys.size();
  std::vector<v8::Local<v8::Value>> values(count * width);
  std::vector<Column> columns(width);
  for (size_t m = 0; m < count; m++) {
    ValueTokens tokens(msgs[from + m]->data, msgs[from + m]->size);
    for (size_t k = 0; k < width; k++) {
      const uint8_t *begin, *end;
      if (!tokens.Next(&begin, &end) || !ReadValue(isolate, begin, end, &columns[k], &values[m * width + k])) {
        return {};
      }
    }
    if (!tokens.Done()) {
      return {};
    }
  }
  return v8::Array::New(isolate, values.data(), values.size());
}

}  // namespace shard
