#a = #t.x<1>
oops @f() attributes {x = #a, y = #a} {
}
