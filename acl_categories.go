// acl_categories.go holds the ACL categories of each command, which
// COMMAND INFO reports and COMMAND LIST FILTERBY ACLCAT selects by: the
// ones Redis 7.0 gives each command (its group: @string, @list...,
// @keyspace, @connection, @scripting, @dangerous...) and the ones Redis
// derives from its flags (@read, @write, @admin, @fast or @slow).
package main

import "strings"

// aclCat is a set of ACL categories.
type aclCat uint32

// The categories, in the order Redis lists them.
const (
	catKeyspace aclCat = 1 << iota
	catRead
	catWrite
	catSet
	catSortedSet
	catList
	catHash
	catString
	catBitmap
	catHyperLogLog
	catGeo
	catStream
	catPubsub
	catAdmin
	catFast
	catSlow
	catBlocking
	catDangerous
	catConnection
	catTransaction
	catScripting
)

// names returns the categories' names with their '@', in Redis's order.
func (cats aclCat) names() []string {
	all := [...]string{"keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap",
		"hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous",
		"connection", "transaction", "scripting"}
	var names []string
	for i, n := range all {
		if cats&(1<<i) != 0 {
			names = append(names, "@"+n)
		}
	}
	return names
}

// has reports whether cats holds the category named name (without its
// '@', any case).
func (cats aclCat) has(name string) bool {
	for _, n := range cats.names() {
		if strings.EqualFold(n[1:], name) {
			return true
		}
	}
	return false
}

// categories returns the ACL categories of the command or subcommand
// name, whose flags are f: its own, and those Redis's
// setImplicitACLCategories derives from flags (a script command is not
// @read).
func (s *Server) categories(name string, f cmdFlags) aclCat {
	cats := s.aclCats[name]
	if f&flagWrite != 0 {
		cats |= catWrite
	}
	if f&flagReadonly != 0 && cats&catScripting == 0 {
		cats |= catRead
	}
	if f&flagAdmin != 0 {
		cats |= catAdmin | catDangerous
	}
	if f&flagFast != 0 {
		cats |= catFast
	} else {
		cats |= catSlow
	}
	return cats
}

// commandCategories maps each command (or "container|subcommand") to the
// categories Redis 7.0 gives it beyond those its flags imply (@pubsub and
// @blocking included, which Redis derives from flags nosql does not keep).
func commandCategories() map[string]aclCat {
	return map[string]aclCat{
		"append":                  catString,
		"asking":                  catConnection,
		"auth":                    catConnection,
		"bitcount":                catBitmap,
		"bitfield":                catBitmap,
		"bitfield_ro":             catBitmap,
		"bitop":                   catBitmap,
		"bitpos":                  catBitmap,
		"blmove":                  catList | catBlocking,
		"blmpop":                  catList | catBlocking,
		"blpop":                   catList | catBlocking,
		"brpop":                   catList | catBlocking,
		"brpoplpush":              catList | catBlocking,
		"bzmpop":                  catSortedSet | catBlocking,
		"bzpopmax":                catSortedSet | catBlocking,
		"bzpopmin":                catSortedSet | catBlocking,
		"client|getname":          catConnection,
		"client|help":             catConnection,
		"client|id":               catConnection,
		"client|info":             catConnection,
		"client|kill":             catConnection,
		"client|list":             catConnection,
		"client|no-evict":         catConnection,
		"client|pause":            catConnection,
		"client|reply":            catConnection,
		"client|setname":          catConnection,
		"client|unblock":          catConnection,
		"client|unpause":          catConnection,
		"command":                 catConnection,
		"command|count":           catConnection,
		"command|docs":            catConnection,
		"command|getkeys":         catConnection,
		"command|getkeysandflags": catConnection,
		"command|help":            catConnection,
		"command|info":            catConnection,
		"command|list":            catConnection,
		"copy":                    catKeyspace,
		"dbsize":                  catKeyspace,
		"decr":                    catString,
		"decrby":                  catString,
		"del":                     catKeyspace,
		"discard":                 catTransaction,
		"dump":                    catKeyspace,
		"echo":                    catConnection,
		"eval":                    catScripting,
		"eval_ro":                 catScripting,
		"evalsha":                 catScripting,
		"evalsha_ro":              catScripting,
		"exec":                    catTransaction,
		"exists":                  catKeyspace,
		"expire":                  catKeyspace,
		"expireat":                catKeyspace,
		"expiretime":              catKeyspace,
		"fcall":                   catScripting,
		"fcall_ro":                catScripting,
		"flushall":                catKeyspace | catDangerous,
		"flushdb":                 catKeyspace | catDangerous,
		"function|delete":         catScripting,
		"function|flush":          catScripting,
		"function|help":           catScripting,
		"function|kill":           catScripting,
		"function|list":           catScripting,
		"function|load":           catScripting,
		"geoadd":                  catGeo,
		"geodist":                 catGeo,
		"geohash":                 catGeo,
		"geopos":                  catGeo,
		"georadius":               catGeo,
		"georadius_ro":            catGeo,
		"georadiusbymember":       catGeo,
		"georadiusbymember_ro":    catGeo,
		"geosearch":               catGeo,
		"geosearchstore":          catGeo,
		"get":                     catString,
		"getbit":                  catBitmap,
		"getdel":                  catString,
		"getex":                   catString,
		"getrange":                catString,
		"getset":                  catString,
		"hdel":                    catHash,
		"hello":                   catConnection,
		"hexists":                 catHash,
		"hget":                    catHash,
		"hgetall":                 catHash,
		"hincrby":                 catHash,
		"hincrbyfloat":            catHash,
		"hkeys":                   catHash,
		"hlen":                    catHash,
		"hmget":                   catHash,
		"hmset":                   catHash,
		"hrandfield":              catHash,
		"hscan":                   catHash,
		"hset":                    catHash,
		"hsetnx":                  catHash,
		"hstrlen":                 catHash,
		"hvals":                   catHash,
		"incr":                    catString,
		"incrby":                  catString,
		"incrbyfloat":             catString,
		"info":                    catDangerous,
		"keys":                    catKeyspace | catDangerous,
		"lcs":                     catString,
		"lindex":                  catList,
		"linsert":                 catList,
		"llen":                    catList,
		"lmove":                   catList,
		"lmpop":                   catList,
		"lpop":                    catList,
		"lpos":                    catList,
		"lpush":                   catList,
		"lpushx":                  catList,
		"lrange":                  catList,
		"lrem":                    catList,
		"lset":                    catList,
		"ltrim":                   catList,
		"mget":                    catString,
		"migrate":                 catKeyspace | catDangerous,
		"move":                    catKeyspace,
		"mset":                    catString,
		"msetnx":                  catString,
		"multi":                   catTransaction,
		"object|encoding":         catKeyspace,
		"object|freq":             catKeyspace,
		"object|help":             catKeyspace,
		"object|idletime":         catKeyspace,
		"object|refcount":         catKeyspace,
		"persist":                 catKeyspace,
		"pexpire":                 catKeyspace,
		"pexpireat":               catKeyspace,
		"pexpiretime":             catKeyspace,
		"pfadd":                   catHyperLogLog,
		"pfcount":                 catHyperLogLog,
		"pfdebug":                 catHyperLogLog,
		"pfmerge":                 catHyperLogLog,
		"pfselftest":              catHyperLogLog,
		"ping":                    catConnection,
		"psetex":                  catString,
		"psubscribe":              catPubsub,
		"pttl":                    catKeyspace,
		"publish":                 catPubsub,
		"pubsub|channels":         catPubsub,
		"pubsub|numpat":           catPubsub,
		"pubsub|numsub":           catPubsub,
		"pubsub|shardchannels":    catPubsub,
		"pubsub|shardnumsub":      catPubsub,
		"punsubscribe":            catPubsub,
		"quit":                    catConnection,
		"randomkey":               catKeyspace,
		"readonly":                catConnection,
		"readwrite":               catConnection,
		"rename":                  catKeyspace,
		"renamenx":                catKeyspace,
		"reset":                   catConnection,
		"restore":                 catKeyspace | catDangerous,
		"rpop":                    catList,
		"rpoplpush":               catList,
		"rpush":                   catList,
		"rpushx":                  catList,
		"sadd":                    catSet,
		"scan":                    catKeyspace,
		"scard":                   catSet,
		"script|debug":            catScripting,
		"script|exists":           catScripting,
		"script|flush":            catScripting,
		"script|help":             catScripting,
		"script|kill":             catScripting,
		"script|load":             catScripting,
		"sdiff":                   catSet,
		"sdiffstore":              catSet,
		"select":                  catConnection,
		"set":                     catString,
		"setbit":                  catBitmap,
		"setex":                   catString,
		"setnx":                   catString,
		"setrange":                catString,
		"sinter":                  catSet,
		"sintercard":              catSet,
		"sinterstore":             catSet,
		"sismember":               catSet,
		"smembers":                catSet,
		"smismember":              catSet,
		"smove":                   catSet,
		"sort":                    catSet | catSortedSet | catList | catDangerous,
		"sort_ro":                 catSet | catSortedSet | catList | catDangerous,
		"spop":                    catSet,
		"spublish":                catPubsub,
		"srandmember":             catSet,
		"srem":                    catSet,
		"sscan":                   catSet,
		"ssubscribe":              catPubsub,
		"strlen":                  catString,
		"subscribe":               catPubsub,
		"substr":                  catString,
		"sunion":                  catSet,
		"sunionstore":             catSet,
		"sunsubscribe":            catPubsub,
		"swapdb":                  catKeyspace | catDangerous,
		"touch":                   catKeyspace,
		"ttl":                     catKeyspace,
		"type":                    catKeyspace,
		"unlink":                  catKeyspace,
		"unsubscribe":             catPubsub,
		"unwatch":                 catTransaction,
		"watch":                   catTransaction,
		"xack":                    catStream,
		"xadd":                    catStream,
		"xautoclaim":              catStream,
		"xclaim":                  catStream,
		"xdel":                    catStream,
		"xgroup|create":           catStream,
		"xgroup|createconsumer":   catStream,
		"xgroup|delconsumer":      catStream,
		"xgroup|destroy":          catStream,
		"xgroup|help":             catStream,
		"xgroup|setid":            catStream,
		"xinfo|consumers":         catStream,
		"xinfo|groups":            catStream,
		"xinfo|help":              catStream,
		"xinfo|stream":            catStream,
		"xlen":                    catStream,
		"xpending":                catStream,
		"xrange":                  catStream,
		"xread":                   catStream | catBlocking,
		"xreadgroup":              catStream | catBlocking,
		"xrevrange":               catStream,
		"xsetid":                  catStream,
		"xtrim":                   catStream,
		"zadd":                    catSortedSet,
		"zcard":                   catSortedSet,
		"zcount":                  catSortedSet,
		"zdiff":                   catSortedSet,
		"zdiffstore":              catSortedSet,
		"zincrby":                 catSortedSet,
		"zinter":                  catSortedSet,
		"zintercard":              catSortedSet,
		"zinterstore":             catSortedSet,
		"zlexcount":               catSortedSet,
		"zmpop":                   catSortedSet,
		"zmscore":                 catSortedSet,
		"zpopmax":                 catSortedSet,
		"zpopmin":                 catSortedSet,
		"zrandmember":             catSortedSet,
		"zrange":                  catSortedSet,
		"zrangebylex":             catSortedSet,
		"zrangebyscore":           catSortedSet,
		"zrangestore":             catSortedSet,
		"zrank":                   catSortedSet,
		"zrem":                    catSortedSet,
		"zremrangebylex":          catSortedSet,
		"zremrangebyrank":         catSortedSet,
		"zremrangebyscore":        catSortedSet,
		"zrevrange":               catSortedSet,
		"zrevrangebylex":          catSortedSet,
		"zrevrangebyscore":        catSortedSet,
		"zrevrank":                catSortedSet,
		"zscan":                   catSortedSet,
		"zscore":                  catSortedSet,
		"zunion":                  catSortedSet,
		"zunionstore":             catSortedSet,
	}
}
