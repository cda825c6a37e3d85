// script_resp.go turns the RESP a command wrote for a script into Lua
// values, as Redis's redisProtocolToLuaType does: integers become numbers,
// bulk strings strings, nulls false (RESP3's null nil), arrays tables,
// status replies {ok=...}, errors {err=...}, and RESP3's maps, sets,
// doubles, booleans, big numbers and verbatim strings their own tables.
package main

import (
	"bytes"
	"strconv"

	"nosql/internal/lua"
)

// parseRESP reads one reply from b; it returns the value, the bytes
// after it, and false if b does not hold a whole reply.
func parseRESP(b []byte, depth int) (lua.Value, []byte, bool) {
	if len(b) == 0 || depth > maxReplyDepth {
		return nil, nil, false
	}
	end := bytes.Index(b, []byte("\r\n"))
	if end < 0 {
		return nil, nil, false
	}
	line, rest := string(b[1:end]), b[end+2:]
	switch b[0] {
	case ':':
		n, err := strconv.ParseInt(line, 10, 64)
		return float64(n), rest, err == nil
	case '$', '=':
		n, err := strconv.Atoi(line)
		if err != nil || n < 0 {
			return false, rest, err == nil
		}
		if len(rest) < n+2 {
			return nil, nil, false
		}
		s := string(rest[:n])
		if b[0] == '=' && len(s) >= 4 {
			t, v := lua.NewTable(0, 1), lua.NewTable(0, 2)
			v.Set("string", s[4:])
			v.Set("format", s[:3])
			t.Set("verbatim_string", v)
			return t, rest[n+2:], true
		}
		return s, rest[n+2:], true
	case '+':
		return field("ok", line), rest, true
	case '-':
		t := errTable("-" + line)
		t.Set("ignore_error_stats_update", true)
		return t, rest, true
	case '_':
		return nil, rest, true
	case '#':
		return line == "t", rest, true
	case ',':
		f, _ := strconv.ParseFloat(line, 64)
		return field("double", f), rest, true
	case '(':
		return field("big_number", line), rest, true
	case '*', '~', '%', '>', '|':
		return parseAggregate(b[0], line, rest, depth)
	}
	return nil, nil, false
}

// field returns {name=v}.
func field(name string, v lua.Value) *lua.Table {
	t := lua.NewTable(0, 1)
	t.Set(name, v)
	return t
}

// parseAggregate reads the items of an array, set, map, push or attribute.
func parseAggregate(kind byte, line string, rest []byte, depth int) (lua.Value, []byte, bool) {
	n, err := strconv.Atoi(line)
	if err != nil {
		return nil, nil, false
	}
	if n < 0 {
		return false, rest, true // a null array
	}
	items := n
	if kind == '%' || kind == '|' {
		items = 2 * n
	}
	vals := make([]lua.Value, items)
	for i := range vals {
		var ok bool
		if vals[i], rest, ok = parseRESP(rest, depth+1); !ok {
			return nil, nil, false
		}
	}
	switch kind {
	case '|': // attributes are not shown to scripts: the reply follows
		return parseRESP(rest, depth)
	case '%':
		m := lua.NewTable(0, n)
		for i := 0; i+1 < len(vals); i += 2 {
			if vals[i] != nil {
				m.Set(vals[i], vals[i+1])
			}
		}
		return field("map", m), rest, true
	case '~':
		s := lua.NewTable(0, n)
		for _, v := range vals {
			if v != nil {
				s.Set(v, true)
			}
		}
		return field("set", s), rest, true
	}
	t := lua.NewTable(n, 0)
	for i, v := range vals {
		t.SetInt(i+1, v)
	}
	return t, rest, true
}
