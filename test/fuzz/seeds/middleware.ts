import { after, NextResponse, type NextRequest } from 'next/server'

export function middleware(request: NextRequest) {
  after(() => {
    console.log(request.nextUrl.pathname)
  })
  return NextResponse.next()
}

export const config = { matcher: '/:path*' }
