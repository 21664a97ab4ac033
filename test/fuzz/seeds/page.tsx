import { after, connection } from 'next/server'
import { headers, cookies, draftMode } from 'next/headers'
import { redirect, notFound } from 'next/navigation'

export async function generateMetadata() {
  after(async () => { await headers() })
  return { title: 'x' }
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const draft = await draftMode()
  after(async () => {
    const ua = (await headers()).get('user-agent')
    const store = await cookies()
    store.set('seen', id)
    draft.enable()
    await connection()
    after(() => notFound())
    redirect('/x')
  })
  await after(() => console.log(ua))
  after(logView(id))
  after(await logView(id))
  async function save() {
    'use server'
    after(async () => (await cookies()).get('a'))
  }
  return <form action={save}>{id}</form>
}
