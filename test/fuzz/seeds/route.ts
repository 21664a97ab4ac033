import { after, unstable_after as later } from 'next/server'
import { headers } from 'next/headers'
import { waitUntil } from '@vercel/functions'
import { track } from '@vercel/analytics/server'

export const maxDuration = 30

export async function POST(request: Request) {
  const body = await request.json()
  const headersList = await headers()
  const userAgent = headersList.get('user-agent')
  await logUserAction({ userAgent, action: body.action })
  await track('signup', { plan: body.plan })
  waitUntil(sendAnalytics(body))
  void notifySlack(body)
  if (body.admin) {
    try {
      await auditLog('admin', body)
    } catch (error) {
      await reportError(error)
    }
  }
  await Promise.all([trackEvent('a'), logEvent('b')])
  later(() => flush())
  after(async () => {
    logUserAction({ userAgent })
    await logUserAction({ userAgent })
  })
  return Response.json({ ok: true })
}

export const GET = withAuth(async (req: Request) => {
  await recordVisit(req.url)
  return new Response('ok')
})

async function logUserAction(data: unknown): Promise<void> {}
async function notifySlack(data: unknown) {}
