'use server'
import * as server from 'next/server'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'

export async function createPost(form: FormData) {
  const post = await db.post.create({ data: { title: String(form.get('title')) } })
  await sendWelcomeEmail(post.authorId)
  await sendPasswordResetEmail(post.authorId)
  await prisma.post.update({ where: { id: post.id }, data: { views: { increment: 1 } } })
  await qstash.publishJSON({ url: '/api/job' })
  server.after(() => revalidatePath('/posts'))
  const jar = await cookies()
  server.after(() => jar.delete('draft'))
  return post
}

export const update = actionClient.schema(schema).action(async ({ parsedInput }) => {
  await trackUpdate(parsedInput)
  server.unstable_after(() => {})
})

server.after(() => {})
