// diff_script_test.go compares scripting with Redis: EVAL of scripts
// returning every kind of value, redis.call and redis.pcall replies and
// errors, the error texts of compile and runtime failures, the libraries,
// EVALSHA, SCRIPT LOAD/EXISTS/FLUSH, shebang flags and the *_RO forms,
// byte for byte in RESP2 and RESP3.
package main

import "testing"

// ev is an EVAL of src with no keys and the given arguments.
func ev(src string, args ...string) []string {
	return append([]string{"EVAL", src, "0"}, args...)
}

// TestDiffScript runs the scripting cases.
func TestDiffScript(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "values", cmds: [][]string{
			ev("return 'hello'"), ev("return 42"), ev("return 3.99"), ev("return -3.99"), ev("return 1e20"), ev("return 0/0"),
			ev("return true"), ev("return false"), ev("return nil"), ev("return {}"),
			ev("return {1, 2, 3, 'x', nil, 4}"), ev("return {1, {2, {3, {}}}, 'a'}"), ev("return {true, false, 1}"),
			ev("return {ok='FINE'}"), ev("return {err='MYERR custom'}"), ev("return {err='no code'}"),
			ev("return redis.status_reply('PONG')"), ev("return redis.error_reply('My Error')"), ev("return redis.error_reply('-X y')"),
			ev("return {double=3.5}"), ev("return {double=1/3}"), ev("return {big_number='123456789012345678901234567890'}"),
			ev("return {map={a=1}}"), ev("return {set={x=true}}"), ev("return {verbatim_string={format='txt', string='hi'}}"),
			ev("return {ok='a\\r\\nb'}"), ev("return 'bin\\0ary'"),
		}},
		{name: "keys-args", cmds: [][]string{
			c("EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}", "2", "k1", "k2", "a1", "a2"),
			c("EVAL", "return {#KEYS, #ARGV}", "0"),
			c("EVAL", "return 1", "3", "a"), c("EVAL", "return 1", "-1"), c("EVAL", "return 1", "x"), c("EVAL", "return 1"),
			c("eval", "return ARGV", "0", "", "x"),
			c("COMMAND", "GETKEYS", "EVAL", "return 1", "2", "a", "b", "c"), c("COMMAND", "GETKEYS", "FCALL", "f", "1", "a", "b"),
			c("COMMAND", "GETKEYS", "EVALSHA_RO", "x", "1", "a"),
		}},
		{name: "call", cmds: [][]string{
			c("EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v"),
			c("EVAL", "return redis.call('get', KEYS[1])", "1", "k"),
			c("EVAL", "return redis.call('GET', 'nokey')", "0"),
			ev("return redis.call('incr', 'n')"), ev("return redis.call('incrbyfloat', 'f', 1.5)"),
			ev("return {redis.call('rpush', 'l', 1, 2.5, 'x'), redis.call('lrange', 'l', 0, -1)}"),
			ev("return redis.call('hset', 'h', 'a', '1', 'b', '2')"), ev("return redis.call('hgetall', 'h')"),
			ev("redis.setresp(3) return redis.call('hgetall', 'h')"),
			ev("redis.setresp(3) return {redis.call('get', 'nokey'), redis.call('exists', 'h')}"),
			ev("redis.setresp(3) local t = redis.call('hgetall', 'h') return {t.map.a, t.map.b}"),
			ev("redis.setresp(3) return redis.call('zscore', 'nz', 'x')"),
			ev("return redis.call('zadd', 'z', 1.5, 'a', 2, 'b')"), ev("return redis.call('zrange', 'z', 0, -1, 'withscores')"),
			ev("redis.setresp(3) return redis.call('zrange', 'z', 0, -1, 'withscores')"),
			ev("redis.setresp(3) return redis.call('zscore', 'z', 'a')"),
			ev("return redis.call('smembers', 'nosuchset')"), ev("return redis.call('ping')"), ev("return redis.call('ping', 'x')"),
			ev("return redis.call('select', 1)"), ev("redis.call('select', 1) return redis.call('set', 'indb1', 'x')"), c("GET", "indb1"),
			ev("return redis.call('set', 'x', 0.1)"), c("GET", "x"), ev("return redis.call('set', 'x', 1e300)"), c("GET", "x"),
		}},
		{name: "call-errors", cmds: [][]string{
			ev("return redis.call('nosuch')"), ev("return redis.call('set')"), ev("return redis.call()"), ev("return redis.call({})"),
			ev("return redis.call('multi')"), ev("return redis.call('eval', 'return 1', 0)"), ev("return redis.call('subscribe', 'x')"),
			ev("redis.call('set', 's', 'x') return redis.call('lpush', 's', 'y')"),
			ev("return redis.call('incr', 's')"), ev("return redis.pcall('incr', 's')"), ev("return redis.pcall('nosuch')"),
			ev("local e = redis.pcall('incr', 's') return e.err"), ev("return {pcall(redis.call, 'incr', 's')}"),
			ev("local ok, e = pcall(redis.call, 'nosuch') return {tostring(ok), e}"),
			ev("return redis.pcall('set')"), ev("return redis.call('wrongtype')"),
			ev("return redis.pcall('blpop', 'x', 0)"), ev("return redis.pcall('bzpopmin', 'x', 0)"),
			ev("return redis.pcall('blmpop', 0, 1, 'x', 'left')"), ev("return redis.pcall('bzmpop', 0, 1, 'x', 'min')"),
			ev("return redis.pcall('config', 'get', 'hz')"), ev("return redis.pcall('function', 'list')"), ev("return redis.pcall('script', 'exists', 'x')"),
		}},
		{name: "lua-errors", cmds: [][]string{
			ev("return 1 +"), ev("x ="), ev("return 'unfinished"), ev("for i = 1 do end"), ev("local = 1"),
			ev("error('boom')"), ev("error('boom', 0)"), ev("error({err='CODE message'})"), ev("error(42)"), ev("error(true)"), ev("error()"),
			ev("return a.b"), ev("x = 1"), ev("return undefinedglobal"), ev("local t = nil return t.x"),
			ev("return 1 + {}"), ev("return #nil"), ev("return {} < {}"), ev("return 'a' .. {}"),
			ev("\n\nlocal x = nil\nreturn x()"), ev("assert(false)"), ev("assert(false, 'my assertion')"),
			ev("string.x = 1"), ev("redis.call = nil"), ev("local function f() return f() + 1 end return f()"),
			ev("return tonumber('x') + 1"), ev("return math.floor('a')"), ev("return string.rep()"),
			ev("#!lua\nreturn 1 +"), ev("#!lua\n\nerror('line three')"),
		}},
		{name: "libraries", cmds: [][]string{
			ev("return string.format('%d %s %5.2f %x %q', 42, 'str', 3.14159, 255, 'q\"')"),
			ev("return {string.find('hello world', 'o w')}"), ev("return {string.match('key:123', '(%a+):(%d+)')}"),
			ev("return {string.gsub('hello world', 'o', '0')}"), ev("return string.rep('ab', 3, ',')"),
			ev("local t = {} for w in string.gmatch('one two three', '%a+') do t[#t+1] = w end return t"),
			ev("return {string.byte('ABC', 1, 3)}"), ev("return string.char(72, 105)"), ev("return ('x'):upper()"),
			ev("local t = {3, 1, 2} table.sort(t) return t"), ev("return table.concat({1, 2, 3}, '-')"),
			ev("local t = {1, 2} table.insert(t, 3) table.insert(t, 1, 0) return {table.remove(t), unpack(t)}"),
			ev("return {math.floor(3.7), math.ceil(3.2), math.abs(-2), math.max(1, 5), math.min(4, 2), math.fmod(7, 3)}"),
			ev("return tostring(math.sqrt(2))"), ev("return {tostring(123456789012345), tostring(99999999999999), tostring(-0), tostring(1e14), tostring(-1e14 + 1)}"),
			ev("return string.format('%g|%g|%g|%e|%f|%10.3g|%-8.2e|%G', 1/3, 1e20, 100000, 12345.678, 2/3, math.pi, 12345.678, 1e-10)"),
			ev("return string.format('%5s|%-5s|%.2s|%05d|%+d|% d|%x|%X|%o|%c%c', 'ab', 'ab', 'abc', 42, 42, 42, 255, 255, 8, 72, 105)"), ev("return tostring(1/3)"), ev("return tostring(1e100)"), ev("return tostring(2^53)"),
			ev("return {math.random(10), math.random(5, 100), tostring(math.random())}"),
			ev("return {tonumber('0x10'), tonumber('10', 2), tonumber('  5  '), type(tonumber('z'))}"),
			ev("return {type(nil), type(1), type('s'), type({}), type(print), type(redis.call)}"),
			ev("return select('#', 1, nil, 3)"), ev("return {select(2, 'a', 'b', 'c')}"),
			ev("return redis.sha1hex('')"), ev("return redis.sha1hex('hello')"),
			ev("return cjson.encode({1, 2, 3})"), ev("return cjson.encode({a = 'x/y'})"), ev("return cjson.encode('s\\n')"),
			ev("return cjson.decode('[1, 2.5, \"x\", true]')"), ev("return cjson.decode('{\"a\": [1, {\"b\": 2}]}').a[2].b"),
			ev("return {bit.band(12, 10), bit.bor(12, 10), bit.bxor(12, 10), bit.lshift(1, 4), bit.rshift(256, 4), bit.tobit(2^32 + 1), bit.bnot(0)}"),
			ev("return bit.tohex(255)"),
			ev("local ok, e = pcall(function() error({code = 1}) end) return type(e)"),
			ev("return pcall(error, 'x')"), ev("return {pcall(error, 'x')}"),
			ev("local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}) return t.hi"),
			ev("return redis.REDIS_VERSION"), ev("return type(redis.REDIS_VERSION_NUM)"),
			ev("return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}"),
			ev("redis.log(redis.LOG_DEBUG, 'from a test') return 1"), ev("return redis.log()"),
			ev("return redis.setresp(4)"), ev("redis.set_repl(redis.REPL_ALL) return 1"), ev("return redis.set_repl(99)"),
			ev("return redis.replicate_commands()"),
		}},
		{name: "evalsha-script", cmds: [][]string{
			c("SCRIPT", "LOAD", "return 'loaded'"), c("EVALSHA", "b534286061d4b9e4026607613b95c06c06015ae8", "0"),
			c("EVALSHA", "B534286061D4B9E4026607613B95C06C06015AE8", "0"), c("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"),
			c("EVALSHA", "short", "0"), c("SCRIPT", "EXISTS", "b534286061d4b9e4026607613b95c06c06015ae8", "ffffffffffffffffffffffffffffffffffffffff"),
			c("SCRIPT", "LOAD", "return 1 +"), c("SCRIPT", "LOAD"), c("SCRIPT", "EXISTS"), c("SCRIPT", "FLUSH"),
			c("SCRIPT", "EXISTS", "b534286061d4b9e4026607613b95c06c06015ae8"), c("EVALSHA", "b534286061d4b9e4026607613b95c06c06015ae8", "0"),
			c("EVAL", "return 'loaded'", "0"), c("SCRIPT", "EXISTS", "b534286061d4b9e4026607613b95c06c06015ae8"),
			c("SCRIPT", "FLUSH", "ASYNC"), c("SCRIPT", "FLUSH", "SYNC"), c("SCRIPT", "FLUSH", "x"), c("SCRIPT", "FLUSH", "a", "b"),
			c("SCRIPT", "KILL"), c("SCRIPT", "NOSUCH"), c("SCRIPT"), c("SCRIPT", "KILL", "x"),
			c("EVALSHA_RO", "b534286061d4b9e4026607613b95c06c06015ae8", "0"),
		}},
		{name: "shebang", cmds: [][]string{
			ev("#!lua\nreturn 1"), ev("#!lua flags=no-writes\nreturn redis.call('get', 'a')"),
			ev("#!lua flags=no-writes\nreturn redis.call('set', 'a', 1)"), ev("#!lua flags=no-writes,allow-oom\nreturn 2"),
			ev("#!lua flags=allow-stale,no-cluster,allow-cross-slot-keys\nreturn 3"),
			ev("#!lua flags=bad\nreturn 1"), ev("#!lua bad=1\nreturn 1"), ev("#!python\nreturn 1"), ev("#!lua"), ev("#!lua flags=\nreturn 4"),
			c("EVAL_RO", "return redis.call('get', KEYS[1])", "1", "a"), c("EVAL_RO", "return redis.call('set', 'a', 1)", "0"),
			c("EVAL_RO", "#!lua\nreturn 1", "0"), c("EVAL_RO", "#!lua flags=no-writes\nreturn 1", "0"),
			c("EVAL_RO", "return redis.call('publish', 'ch', 'm')", "0"), ev("return redis.call('publish', 'ch', 'm')"),
		}},
		{name: "writes", cmds: [][]string{
			ev("redis.call('set', 'a', 1) redis.call('incr', 'a') redis.call('rpush', 'l', 'x') return redis.call('get', 'a')"),
			c("MGET", "a"), c("LRANGE", "l", "0", "-1"),
			ev("redis.call('del', 'a') return redis.call('exists', 'a')"),
			c("MULTI"), c("EVAL", "return redis.call('incr', 'c')", "0"), c("EVAL", "return redis.call('incr', 'c')", "0"), c("EXEC"),
			ev("redis.call('set', 'e', 'v', 'ex', 100) return redis.call('ttl', 'e')"),
		}},
		{name: "return-depth", cmds: [][]string{
			ev("local t = {} local cur = t for i = 1, 50 do cur[1] = {} cur = cur[1] end return t"),
		}},
	})
}
