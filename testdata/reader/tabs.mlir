// Tabs as indentation and between tokens.
module	@tabs	{
	func.func	private	@ext(i32)	->	i32
	func.func	@f(%x:	i32)	->	i32	{
		%0	=	func.call	@ext(%x)	:	(i32)	->	i32
		return	%0	:	i32
	}
}
