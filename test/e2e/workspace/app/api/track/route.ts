import { headers } from 'next/headers'

async function logUserAction(entry: Record<string, unknown>): Promise<void> {
  await fetch('https://audit.example.com', { method: 'POST', body: JSON.stringify(entry) })
}

export async function POST(request: Request) {
  const body = await request.json()
  const headersList = await headers()
  const userAgent = headersList.get('user-agent')
  await logUserAction({ userAgent, action: body.action })
  return Response.json({ ok: true })
}
