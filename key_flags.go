// key_flags.go holds Redis's key spec flags of each command's keys (RO,
// RW, OW, RM, access, update, insert, delete...), which COMMAND
// GETKEYSANDFLAGS and COMMAND INFO's key specs report.
package main

import "strings"

// keyFlags are the flags of one key of a command, as Redis's key specs
// name them.
type keyFlags uint16

const (
	keyRO keyFlags = 1 << iota
	keyRW
	keyOW
	keyRM
	keyAccess
	keyUpdate
	keyInsert
	keyDelete
	keyNotKey
	keyIncomplete
	keyVariableFlags
)

// names returns the flags' names in Redis's order.
func (f keyFlags) names() []string {
	all := [...]string{"RO", "RW", "OW", "RM", "access", "update", "insert", "delete", "not_key", "incomplete", "variable_flags"}
	var names []string
	for i, n := range all {
		if f&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return names
}

// defaultKeyFlags are the flags of a command's keys that
// commandKeyFlags does not list: Redis's most common ones for a writing
// and for a reading command.
func defaultKeyFlags(f cmdFlags) []keyFlags {
	if f&flagWrite != 0 {
		return []keyFlags{keyRW | keyAccess | keyUpdate}
	}
	return []keyFlags{keyRO | keyAccess}
}

// commandKeyFlags maps a command (or "container|subcommand") to the flags
// of its keys in the order its key positions or keys function give them,
// the last entry standing for every key after it, as Redis 7.0's key
// specs give them. A command not listed has defaultKeyFlags.
func commandKeyFlags() map[string][]keyFlags {
	const (
		ro             = keyRO
		roAccess       = keyRO | keyAccess
		rwAccess       = keyRW | keyAccess
		rwAccessUpdate = keyRW | keyAccess | keyUpdate
		rwAccessDelete = keyRW | keyAccess | keyDelete
		rwAccessInsert = keyRW | keyAccess | keyInsert
		rwUpdate       = keyRW | keyUpdate
		rwInsert       = keyRW | keyInsert
		rwDelete       = keyRW | keyDelete
		owUpdate       = keyOW | keyUpdate
		owInsert       = keyOW | keyInsert
		rmDelete       = keyRM | keyDelete
		variable       = rwAccessUpdate | keyVariableFlags
	)
	return map[string][]keyFlags{
		"append":                {rwInsert},
		"bitfield":              {variable},
		"bitop":                 {owUpdate, roAccess},
		"blmove":                {rwAccessDelete, rwInsert},
		"blmpop":                {rwAccessDelete},
		"blpop":                 {rwAccessDelete},
		"brpop":                 {rwAccessDelete},
		"brpoplpush":            {rwAccessDelete, rwInsert},
		"bzmpop":                {rwAccessDelete},
		"bzpopmax":              {rwAccessDelete},
		"bzpopmin":              {rwAccessDelete},
		"copy":                  {roAccess, owUpdate},
		"del":                   {rmDelete},
		"exists":                {ro},
		"expire":                {rwUpdate},
		"expireat":              {rwUpdate},
		"geoadd":                {rwUpdate},
		"georadius":             {roAccess, owUpdate},
		"georadiusbymember":     {roAccess, owUpdate},
		"geosearchstore":        {owUpdate, roAccess},
		"getdel":                {rwAccessDelete},
		"hdel":                  {rwDelete},
		"hexists":               {ro},
		"hlen":                  {ro},
		"hmset":                 {rwUpdate},
		"hset":                  {rwUpdate},
		"hsetnx":                {rwInsert},
		"hstrlen":               {ro},
		"linsert":               {rwInsert},
		"llen":                  {ro},
		"lmove":                 {rwAccessDelete, rwInsert},
		"lmpop":                 {rwAccessDelete},
		"lpop":                  {rwAccessDelete},
		"lpush":                 {rwInsert},
		"lpushx":                {rwInsert},
		"lrem":                  {rwDelete},
		"lset":                  {rwUpdate},
		"ltrim":                 {rwDelete},
		"memory|usage":          {ro},
		"migrate":               {rwAccessDelete},
		"mset":                  {owUpdate},
		"msetnx":                {owInsert},
		"object|encoding":       {ro},
		"object|freq":           {ro},
		"object|idletime":       {ro},
		"object|refcount":       {ro},
		"persist":               {rwUpdate},
		"pexpire":               {rwUpdate},
		"pexpireat":             {rwUpdate},
		"pfadd":                 {rwInsert},
		"pfcount":               {rwAccess},
		"pfdebug":               {rwAccess},
		"pfmerge":               {rwAccessInsert, roAccess},
		"psetex":                {owUpdate},
		"rename":                {rwAccessDelete, owUpdate},
		"renamenx":              {rwAccessDelete, owInsert},
		"restore":               {owUpdate},
		"rpop":                  {rwAccessDelete},
		"rpoplpush":             {rwAccessDelete, rwInsert},
		"rpush":                 {rwInsert},
		"rpushx":                {rwInsert},
		"sadd":                  {rwInsert},
		"scard":                 {ro},
		"sdiffstore":            {owUpdate, roAccess},
		"set":                   {variable},
		"setex":                 {owUpdate},
		"setnx":                 {owInsert},
		"setrange":              {rwUpdate},
		"sinterstore":           {rwUpdate, roAccess},
		"sismember":             {ro},
		"smove":                 {rwAccessDelete, rwInsert},
		"sort":                  {roAccess, owUpdate},
		"spop":                  {rwAccessDelete},
		"srem":                  {rwDelete},
		"strlen":                {ro},
		"sunionstore":           {owUpdate, roAccess},
		"touch":                 {ro},
		"type":                  {ro},
		"unlink":                {rmDelete},
		"watch":                 {ro},
		"xack":                  {rwUpdate},
		"xadd":                  {rwUpdate},
		"xautoclaim":            {rwDelete},
		"xclaim":                {rwUpdate},
		"xdel":                  {rwDelete},
		"xgroup|create":         {rwInsert},
		"xgroup|createconsumer": {rwInsert},
		"xgroup|delconsumer":    {rwDelete},
		"xgroup|destroy":        {rwDelete},
		"xgroup|setid":          {rwUpdate},
		"xinfo|consumers":       {roAccess},
		"xinfo|groups":          {roAccess},
		"xinfo|stream":          {roAccess},
		"xlen":                  {ro},
		"xsetid":                {rwUpdate},
		"xtrim":                 {rwDelete},
		"zadd":                  {rwUpdate},
		"zcard":                 {ro},
		"zdiffstore":            {owUpdate, roAccess},
		"zinterstore":           {owUpdate, roAccess},
		"zmpop":                 {rwAccessDelete},
		"zpopmax":               {rwAccessDelete},
		"zpopmin":               {rwAccessDelete},
		"zrangestore":           {owUpdate, roAccess},
		"zrem":                  {rwDelete},
		"zremrangebylex":        {rwDelete},
		"zremrangebyrank":       {rwDelete},
		"zremrangebyscore":      {rwDelete},
		"zunionstore":           {owUpdate, roAccess},
		"eval":                  {rwAccessUpdate},
		"evalsha":               {rwAccessUpdate},
		"fcall":                 {rwAccessUpdate},
		"xreadgroup":            {roAccess},
	}
}

// variableKeyFlags returns the flags of the key of a command whose flags
// depend on its arguments (keyVariableFlags), as Redis's setGetKeys and
// bitfieldGetKeys find them.
func variableKeyFlags(name string, args [][]byte) keyFlags {
	switch name {
	case "set":
		for _, a := range args[min(3, len(args)):] {
			if strings.EqualFold(string(a), "get") {
				return keyRW | keyAccess | keyUpdate
			}
		}
		return keyOW | keyUpdate
	case "bitfield":
		if bitfieldReadOnly(args) {
			return keyRO | keyAccess
		}
	}
	return keyRW | keyAccess | keyUpdate
}

// bitfieldReadOnly reports whether a BITFIELD only reads (GET and
// OVERFLOW operations, each with its arguments), as Redis judges it.
func bitfieldReadOnly(args [][]byte) bool {
	for i := 2; i < len(args); i++ {
		rest := len(args) - i - 1
		switch op := strings.ToLower(string(args[i])); {
		case op == "get" && rest >= 2:
			i += 2
		case op == "overflow" && rest >= 1:
			i++
		default: // SET, INCRBY or a syntax error: a write
			return false
		}
	}
	return true
}
