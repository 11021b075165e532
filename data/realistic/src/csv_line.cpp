#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// One CSV dialect: a delimiter, double-quoted fields with "" for a quote; counts what it has parsed.
class CsvLine {
    enum class State { FieldStart, Plain, Quoted, AfterQuote };

    char delimiter;
    int parsed_lines = 0;
    int parsed_fields = 0;

public:
    explicit CsvLine(char delimiter) : delimiter(delimiter) {
        if (delimiter == '"' || delimiter == '\n') throw invalid_argument("bad delimiter");
    }

    vector<string> parse(const string& line) {
        vector<string> fields(1);
        State state = State::FieldStart;
        for (size_t at = 0; at < line.size(); at++) {
            char ch = line[at];
            switch (state) {
            case State::Quoted:
                if (ch != '"') {
                    fields.back() += ch;
                } else if (at + 1 < line.size() && line[at + 1] == '"') {
                    fields.back() += '"';
                    at++;
                } else {
                    state = State::AfterQuote;
                }
                break;
            case State::FieldStart:
            case State::Plain:
            case State::AfterQuote:
                if (ch == delimiter) {
                    fields.emplace_back();
                    state = State::FieldStart;
                } else if (state == State::AfterQuote) {
                    throw runtime_error("text after a closing quote at " + to_string(at));
                } else if (state == State::FieldStart && ch == '"') {
                    state = State::Quoted;
                } else {
                    fields.back() += ch;
                    state = State::Plain;
                }
                break;
            }
        }
        if (state == State::Quoted) throw runtime_error("unclosed quote");
        parsed_lines++;
        parsed_fields += static_cast<int>(fields.size());
        return fields;
    }

    string format(const vector<string>& fields) const {
        string out;
        for (size_t i = 0; i < fields.size(); i++) {
            if (i > 0) out += delimiter;
            const string& f = fields[i];
            bool needs_quotes = f.find(delimiter) != string::npos || f.find('"') != string::npos ||
                                f.find('\n') != string::npos || (!f.empty() && (f.front() == ' ' || f.back() == ' '));
            if (!needs_quotes) {
                out += f;
                continue;
            }
            out += '"';
            for (char c : f) out += c == '"' ? string("\"\"") : string(1, c);
            out += '"';
        }
        return out;
    }

    int lines() const { return parsed_lines; }

    int fields() const { return parsed_fields; }
};
