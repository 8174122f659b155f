"""browser_account.py - the customer area in headless Chromium
(tests/browser_account.sh starts the stack; what is covered is said there)."""
import os

from harness import PREV, URL, browser, check, finish, one, set_look

S = URL + "/s/demo"

c, SHOTS = browser("browser_account")
try:
    c.open_page(1280, 1000)

    path, st = c.goto(S + "/account/orders")
    check("signed out, the order history leads to the login page", path.startswith("/s/demo/login?next="), path)
    c.eval("document.getElementById('login-email').value = 'buyer@demo.example';"
           "document.getElementById('login-password').value = 'demo-password-1'; true")
    path = c.load(lambda: c.eval("document.getElementById('login-email').form.querySelector('button[type=submit]').click(); true"))
    check("logged in as the demo buyer, back at the order history", path == "/s/demo/account/orders", path)
    before = int(c.eval("document.querySelectorAll('table tbody tr').length") or 0)

    path, st = c.goto(S + "/products/microsoft-365-business-standard")
    c.eval("document.getElementById('buy-qty').value = '4'; true")
    path = c.load(lambda: c.eval("document.querySelector('form.buy-form button[type=submit]').click(); true"))
    check("add to cart leads to the cart", path.startswith("/s/demo/cart"), path)
    check("the cart shows the product", c.eval("document.querySelector('main').innerText.includes('Microsoft 365 Business Standard')"))
    c.shot(os.path.join(SHOTS, "account-classic-cart.png"))
    c.eval("document.getElementById('co-ref').value = 'PO-4711'; document.getElementById('co-terms').checked = true; true")
    path = c.load(lambda: c.eval("document.querySelector('form.checkout-form button[type=submit]').click(); true"))
    check("placing the order leads to the order page", path.startswith("/s/demo/account/orders/"), path)
    number = c.eval("(document.querySelector('h1') || {}).innerText || ''").replace("Order ", "").strip()
    check("the order page names the new order", number.startswith("SO-"), number)
    check("the order is in the database, placed by the buyer",
          one("SELECT COUNT(*) FROM orders WHERE number = '%s' AND reseller_id = 1 AND placed_by_user_id = 1" % number) == "1")
    c.shot(os.path.join(SHOTS, "account-classic-order.png"))
    path, st = c.goto(S + "/account/orders")
    rows = int(c.eval("document.querySelectorAll('table tbody tr').length") or 0)
    check("the order history shows the new order", c.eval("document.querySelector('main').innerText.includes('%s')" % number)
          and rows == before + 1, (rows, before))
    msgs = c.messages()
    check("no console or CSP messages while ordering", not msgs, msgs)

    order_id = one("SELECT id FROM orders WHERE number = '%s' AND reseller_id = 1" % number)
    pages = [("account", "/account"), ("orders", "/account/orders"), ("order", "/account/orders/" + order_id),
             ("subscriptions", "/account/subscriptions"), ("subscription", "/account/subscriptions/1"),
             ("usage", "/account/subscriptions/2/usage?month=" + PREV), ("m365", "/account/m365"),
             ("m365-edit", "/account/m365/users/2"), ("profile", "/account/profile"), ("cart", "/cart")]
    for theme, skin in (("classic", "parchment"), ("modern", "ocean")):
        set_look(theme, skin)
        for name, p in pages:
            r = c.render(S + p, os.path.join(SHOTS, "account-%s-%s.png" % (theme, name)))
            check("%s/%s %s: 200 in the skin" % (theme, skin, name), r.status == 200 and r.skin == skin,
                  (r.status, r.path, r.skin))
            if name == "usage":
                check("%s usage: the SVG chart loads" % theme,
                      c.eval("(() => { const i = document.querySelector('.usage-chart img');"
                             " return !!i && i.complete && i.naturalWidth > 0; })()"))
            check("%s %s: screenshot" % (theme, name), r.shot > 1000, r.shot)
            check("%s %s: no console or CSP messages" % (theme, name), not r.messages, r.messages)
    set_look("classic", "parchment")
    c.goto(S + "/account")
    path = c.load(lambda: c.eval("document.querySelector('form[action$=\"/logout\"] button').click(); true"))
    path, st = c.goto(S + "/account")
    check("after logging out the account page leads to the login", path.startswith("/s/demo/login"), path)
except Exception as e:  # a broken browser session is a failure, not a crash
    check("the browser session ran to the end", False, repr(e))
finally:
    c.close()
print("# screenshots in " + SHOTS)
finish("browser_account")
