// script_libs.go holds the extra libraries Redis gives scripts: cjson
// (encode/decode), cmsgpack and bit (LuaBitOp).
package main

import "nosql/internal/lua"

// openScriptLibs adds cjson and bit to the globals.
func openScriptLibs(L *lua.State) {
	openBit(L)
	openCjson(L)
	openCmsgpack(L)
}
