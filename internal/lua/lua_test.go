// lua_test.go tests the interpreter: expressions, control flow, closures,
// the libraries with patterns, errors with their positions, and limits.
package lua

import (
	"strings"
	"testing"
	"time"
)

// run compiles and runs src, returning its results rendered with
// tostring and joined by "|", or the error's message.
func run(t *testing.T, src string) string {
	t.Helper()
	s := NewState("user_script")
	cl, err := s.Load(src)
	if err != nil {
		return "compile: " + err.Error()
	}
	rets, err := s.Call(cl)
	if err != nil {
		return "error: " + err.Error()
	}
	out := make([]string, len(rets))
	for i, v := range rets {
		out[i] = tostringValue(v)
	}
	return strings.Join(out, "|")
}

func TestLuaScripts(t *testing.T) {
	cases := []struct{ src, want string }{
		// expressions and precedence
		{"return 1 + 2 * 3", "7"},
		{"return 2 ^ 3 ^ 2", "512"},
		{"return -2 ^ 2", "-4"},
		{"return not nil == true", "true"},
		{"return 1 .. 2 .. 3", "123"},
		{"return 7 % 3, -7 % 3, 7 % -3", "1|2|-2"},
		{"return 10 / 4, 1 / 0, -1 / 0", "2.5|inf|-inf"},
		{"return 3.0, 1e15, 1e100, 0.1, 2^53", "3|1e+15|1e+100|0.1|9.007199254741e+15"},
		{"return '10' + 5, '0x10' * 1, 10 .. ''", "15|16|10"},
		{"return 1 < 2, 'a' < 'b', 2 <= 2, 'b' >= 'a', 1 ~= 1", "true|true|true|true|false"},
		{"return nil and 1, false or 2, 1 and 2, nil or false", "nil|2|2|false"},
		{"return #'abc', #{1, 2, 3}, #{}", "3|3|0"},
		{"return 0x10, 1e2, .5, 3., [[long]], [==[a]]b]==]", "16|100|0.5|3|long|a]]b"},
		{`return 'a\tb\65\n' == "a\9bA\10"`, "true"},
		{"return [[\nfirst newline skipped]]", "first newline skipped"},
		{"--[[ long\ncomment ]] return 1 -- tail", "1"},
		// control flow
		{"local s = 0 for i = 1, 10 do s = s + i end return s", "55"},
		{"local s = 0 for i = 10, 1, -2 do s = s + i end return s", "30"},
		{"local i = 0 while true do i = i + 1 if i == 5 then break end end return i", "5"},
		{"local i = 0 repeat local j = i i = i + 1 until j >= 3 return i", "4"},
		{"local x = 5 if x < 3 then return 'a' elseif x < 6 then return 'b' else return 'c' end", "b"},
		{"local t = {} for k, v in pairs({a = 1, b = 2}) do t[#t + 1] = k .. v end table.sort(t) return table.concat(t, ',')", "a1,b2"},
		{"local s = '' for i, v in ipairs({'x', 'y', nil, 'z'}) do s = s .. i .. v end return s", "1x2y"},
		{"do local a = 1 end return a", "nil"},
		{"local t = {} for i = 1, 20 do t['k' .. i] = i end for i = 1, 20, 2 do t['k' .. i] = nil end local n = 0 for k, v in pairs(t) do n = n + v end return n, t.k2, t.k3", "110|2|nil"},
		{"local t = {a = 1, b = 2} t.a = nil t.c = 3 t.a = 4 local s = '' for k, v in pairs(t) do s = s .. k .. v end return s", "a4b2c3"},
		// functions, closures, varargs, multiple results
		{"local function f(...) return select('#', ...), ... end return f(1, nil, 3)", "3|1|nil|3"},
		{"local function f() return 1, 2 end local a, b, c = f() return a, b, c", "1|2|nil"},
		{"local function f() return 1, 2 end return ({f(), f()})[3], (f())", "2|1"},
		{"local t = {} for i = 1, 3 do t[i] = function() return i end end return t[1]() + t[2]() + t[3]()", "6"},
		{"local function counter() local n = 0 return function() n = n + 1 return n end end local c = counter() c() return c()", "2"},
		{"local o = {n = 1} function o:add(k) self.n = self.n + k return self end return o:add(2):add(3).n", "6"},
		{"local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end return fib(15)", "610"},
		{"local a, b = 1, 2 a, b = b, a return a, b", "2|1"},
		{"return unpack({1, 2, 3})", "1|2|3"},
		{"local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}) return t.x", "x!"},
		{"local mt = {__index = {y = 2}} local t = setmetatable({}, mt) return t.y, getmetatable(t) == mt", "2|true"},
		// string library
		{"return string.format('%5.2f|%d|%s|%x|%q|%%', 3.14159, 42.9, 'hi', 255, 'a\"b')", " 3.14|42|hi|ff|\"a\\\"b\"|%"},
		{"return ('hello'):upper(), string.lower('ABC'), string.rep('ab', 3), string.reverse('abc')", "HELLO|abc|ababab|cba"},
		{"return string.sub('hello', 2, -2), string.sub('hello', -3), string.byte('A'), string.char(72, 105)", "ell|llo|65|Hi"},
		{"return string.find('hello world', 'o w'), string.find('hello', 'l+')", "5|3|4"},
		{"return string.find('a.b', '.', 1, true), string.find('abc', 'x')", "2|nil"},
		{"return string.match('key:123', '(%a+):(%d+)')", "key|123"},
		{"return string.match('  trim  ', '^%s*(.-)%s*$')", "trim"},
		{"return string.match('hello', '()ll()')", "3|5"},
		{"return string.gsub('hello world', 'o', '0')", "hell0 w0rld|2"},
		{"return string.gsub('abc', '%w', '%0%0')", "aabbcc|3"},
		{"return string.gsub('hello world', '(%w+)', '<%1>')", "<hello> <world>|2"},
		{"return string.gsub('$x $y', '%$(%w+)', {x = 1, y = 2})", "1 2|2"},
		{"return string.gsub('abc', '.', function(c) return c:upper() end, 2)", "ABc|2"},
		{"return string.match('THE (quick) fox', '%b()'), string.find('THE (quick) fox', '%f[%a]%a+', 5)", "(quick)|6|10"},
		{"local t = {} for k, v in string.gmatch('a=1, b=2', '(%w+)=(%w+)') do t[#t + 1] = k .. v end return table.concat(t, ';')", "a1;b2"},
		{"return string.match('aaa', '(a)%1')", "a"},
		{"return string.format('%s %s', 1, true)", "error: user_script:1: bad argument #3 to 'format' (string expected, got boolean)"},
		// table and math libraries
		{"local t = {3, 1, 2} table.sort(t) return table.concat(t, ',')", "1,2,3"},
		{"local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) return table.concat(t, ',')", "3,2,1"},
		{"local t = {1, 2} table.insert(t, 3) table.insert(t, 1, 0) return table.concat(t, ','), table.remove(t), table.remove(t, 1), #t", "0,1,2,3|3|0|2"},
		{"return table.getn({1, 2}), math.floor(3.7), math.ceil(3.2), math.abs(-2), math.max(1, 5, 3), math.min(4, 2)", "2|3|4|2|5|2"},
		{"return math.fmod(7, 3), math.sqrt(16), math.pow(2, 10), math.huge", "1|4|1024|inf"},
		{"return math.random(10), math.random(), math.random(5, 100)", "4|0.84048536971234|38"},
		{"return tonumber('12'), tonumber('x'), tonumber('ff', 16), tonumber('  5  ')", "12|nil|255|5"},
		{"return type(nil), type(1), type('s'), type({}), type(print), type(type)", "nil|number|string|table|nil|function"},
		// errors
		{"return 1 +", "compile: user_script:1: unexpected symbol near '<eof>'"},
		{"x = = 1", "compile: user_script:1: unexpected symbol near '='"},
		{"for i = 1 do end", "compile: user_script:1: ',' expected near 'do'"},
		{"if true then", "compile: user_script:1: 'end' expected near '<eof>'"},
		{"return 'abc", "compile: user_script:1: unfinished string near '<eof>'"},
		{"break", "compile: user_script:1: no loop to break near 'break'"},
		{"\n\nreturn a.b", "error: user_script:3: attempt to index global 'a' (a nil value)"},
		{"local x; x()", "error: user_script:1: attempt to call local 'x' (a nil value)"},
		{"return 1 + {}", "error: user_script:1: attempt to perform arithmetic on a table value"},
		{"local t = {} return t.x.y", "error: user_script:1: attempt to index field 'x' (a nil value)"},
		{"return 1 < 'x'", "error: user_script:1: attempt to compare number with string"},
		{"return {} < {}", "error: user_script:1: attempt to compare two table values"},
		{"return 'a' .. nil", "error: user_script:1: attempt to concatenate a nil value"},
		{"error('boom')", "error: user_script:1: boom"},
		{"error('boom', 0)", "error: boom"},
		{"local function f() error('deep', 2) end\nf()", "error: user_script:2: deep"},
		{"return pcall(error, 'x')", "false|x"},
		{"return pcall(function() local t = nil; return t.x end)", "false|user_script:1: attempt to index local 't' (a nil value)"},
		{"return select(2, pcall(error, {code = 7})).code", "7"},
		{"assert(false, 'failed here')", "error: user_script:1: failed here"},
		{"assert(nil)", "error: user_script:1: assertion failed!"},
		{"return string.rep('x', -1), ('x'):rep(0)", "|"},
		{"string.rep('x', 1e10)", "error: user_script:1: resulting string too large"},
		{"local t = {} t[nil] = 1", "error: user_script:1: table index is nil"},
		{"return string.find('a', '[a')", "error: user_script:1: malformed pattern (missing ']')"},
		{"return string.format('%d', 'x')", "error: user_script:1: bad argument #2 to 'format' (number expected, got string)"},
		// limits
		{"local function f() return f() + 1 end return f()", "error: user_script:1: stack overflow"},
		{"return " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300), "compile: user_script:1: chunk has too many syntax levels near '('"},
	}
	for _, c := range cases {
		if got := run(t, c.src); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

// TestLuaHookStopsLoop: the hook runs during an endless loop or a
// pattern that backtracks for ages, and its error ends the script; pcall
// cannot catch it.
func TestLuaHookStopsLoop(t *testing.T) {
	for _, src := range []string{
		"while true do pcall(function() while true do end end) end",
		"return string.find(string.rep('a', 3000), string.rep('a*', 40) .. 'b')",
		"repeat until false",
	} {
		s := NewState("user_script")
		deadline := time.Now().Add(50 * time.Millisecond)
		s.Hook = func() error {
			if time.Now().After(deadline) {
				return &Error{Value: "killed"}
			}
			return nil
		}
		cl, err := s.Load(src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Call(cl)
		if le, ok := err.(*Error); !ok || !le.Fatal || le.Value != "killed" {
			t.Fatalf("%q: got %v, want the hook's fatal error", src, err)
		}
	}
}

// TestLuaTableNext: clearing fields during a traversal keeps next working,
// and the array part follows its keys.
func TestLuaTableNext(t *testing.T) {
	got := run(t, `local t = {}
for i = 1, 100 do t['k' .. i] = i end
for i = 1, 10 do t[i] = i end
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1 sum = sum + v t[k] = nil end
return n, sum, next(t), #t`)
	if got != "110|5105|nil|0" {
		t.Fatalf("got %q", got)
	}
}

// FuzzLuaParse: no input makes the parser or a short run panic.
func FuzzLuaParse(f *testing.F) {
	for _, s := range []string{"return 1", "local t = {1, 2, x = 3} return #t", "for i = 1, 3 do end",
		"return string.gsub('abc', '(%w)', '%1%1')", "function f(...) return ... end return f(1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s := NewState("user_script")
		steps := 0
		s.Hook = func() error {
			steps++
			if steps > 100 {
				return &Error{Value: "enough"}
			}
			return nil
		}
		cl, err := s.Load(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		s.Call(cl) // errors are fine; panics are not (Call contains them)
	})
}
