// Package scriptlibs holds the extra libraries Redis gives scripts:
// cjson (encode/decode, lua-cjson's defaults), cmsgpack (lua-cmsgpack)
// and bit (LuaBitOp), on nosql's Lua interpreter (internal/lua).
//
// Pure functions: they take no locks, write no log and know nothing of
// the server, its clients or its keyspace. Being a package of its own it
// cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package scriptlibs

import "nosql/internal/lua"

// Open adds cjson, cmsgpack and bit to L's globals.
func Open(L *lua.State) {
	openBit(L)
	openCjson(L)
	openCmsgpack(L)
}
