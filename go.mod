module nosql

go 1.24
