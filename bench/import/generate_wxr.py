#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of a made-up site: N posts with M comments spread over them,
threaded (every third comment answers an earlier one of the same post), in a few categories and
tags, with classic-editor bodies (paragraphs, a caption, a shortcode). Streams to the file, so it
can write any size. Usage: generate_wxr.py OUT.xml [POSTS] [COMMENTS]"""
import sys
from datetime import datetime, timedelta

out, posts, comments = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000, int(sys.argv[3]) if len(sys.argv) > 3 else 200_000
start = datetime(2015, 1, 1, 8, 0, 0)
body = ("Paragraph one of post {n}, with some words about the harbour and the town council.\n"
        "A second line in the same paragraph.\n\n"
        "[caption id=\"attachment_1\" width=\"300\"]<img src=\"https://old.example.com/wp-content/uploads/p{n}.jpg\" alt=\"\" /> A caption[/caption]\n\n"
        "Another paragraph with <strong>bold</strong>, <em>italics</em> and a [note]shortcode[/note].\n\n"
        "<blockquote>A quotation from someone in the town.</blockquote>\n\nClosing words — café, 東京, مرحبا.")

comment_text = "Comment {n}: I <em>quite</em> agree.\n\nSecond paragraph."

def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"

with open(out, "w", encoding="utf-8") as f:
    w = f.write
    w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
      '<title>Benchmark Gazette</title><link>https://old.example.com</link><wp:wxr_version>1.2</wp:wxr_version>\n'
      '<wp:base_site_url>https://old.example.com</wp:base_site_url><wp:base_blog_url>https://old.example.com</wp:base_blog_url>\n')
    for a in range(1, 11):
        w(f'<wp:author><wp:author_id>{a}</wp:author_id><wp:author_login>{cdata(f"writer{a}")}</wp:author_login>'
          f'<wp:author_email>writer{a}@example.com</wp:author_email><wp:author_display_name>{cdata(f"Writer {a}")}</wp:author_display_name></wp:author>\n')
    for c in range(1, 21):
        parent = f"section-{(c - 1) // 4 * 4 + 1}" if c % 4 != 1 else ""
        w(f'<wp:category><wp:term_id>{c}</wp:term_id><wp:category_nicename>section-{c}</wp:category_nicename>'
          f'<wp:category_parent>{parent}</wp:category_parent><wp:cat_name>{cdata(f"Section {c}")}</wp:cat_name></wp:category>\n')
    for t in range(1, 101):
        w(f'<wp:tag><wp:term_id>{100 + t}</wp:term_id><wp:tag_slug>topic-{t}</wp:tag_slug><wp:tag_name>{cdata(f"Topic {t}")}</wp:tag_name></wp:tag>\n')
    comment_id = 0
    per_post, extra = divmod(comments, posts)
    for p in range(1, posts + 1):
        when = start + timedelta(hours=p * 7)
        date = when.strftime("%Y-%m-%d %H:%M:%S")
        slug = f"post-number-{p}"
        w(f'<item><title>{cdata(f"Post number {p}: news from the harbour")}</title>'
          f'<link>https://old.example.com/{when:%Y/%m/%d}/{slug}/</link><dc:creator>{cdata(f"writer{p % 10 + 1}")}</dc:creator>'
          f'<guid isPermaLink="false">https://old.example.com/?p={p}</guid><description></description>'
          f'<content:encoded>{cdata(body.format(n=p))}</content:encoded><excerpt:encoded>{cdata("")}</excerpt:encoded>'
          f'<wp:post_id>{p}</wp:post_id><wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>'
          f'<wp:comment_status>open</wp:comment_status><wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>'
          f'<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>'
          f'<category domain="category" nicename="section-{p % 20 + 1}">{cdata(f"Section {p % 20 + 1}")}</category>'
          f'<category domain="post_tag" nicename="topic-{p % 100 + 1}">{cdata(f"Topic {p % 100 + 1}")}</category>\n')
        first = comment_id + 1
        for i in range(per_post + (1 if p <= extra else 0)):
            comment_id += 1
            parent = first + (i // 3) if i % 3 == 2 and i > 0 else 0
            cdate = (when + timedelta(minutes=i + 1)).strftime("%Y-%m-%d %H:%M:%S")
            w(f'<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata(f"Reader {comment_id % 997}")}</wp:comment_author>'
              f'<wp:comment_author_email>reader{comment_id % 997}@example.org</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>'
              f'<wp:comment_author_IP>192.0.2.{comment_id % 250}</wp:comment_author_IP><wp:comment_date>{cdate}</wp:comment_date>'
              f'<wp:comment_date_gmt>{cdate}</wp:comment_date_gmt><wp:comment_content>{cdata(comment_text.format(n=comment_id))}</wp:comment_content>'
              f'<wp:comment_approved>{"1" if comment_id % 10 else "0"}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>'
              f'<wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n')
        w('</item>\n')
    w('</channel>\n</rss>\n')
