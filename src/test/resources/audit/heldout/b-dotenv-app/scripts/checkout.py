import os
from dotenv import load_dotenv
import stripe

load_dotenv()
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]

session = stripe.checkout.Session.create(
    mode="payment",
    line_items=[{"price": os.environ["STRIPE_PRICE_ID"], "quantity": 1}],
    success_url="https://example.com/ok",
    cancel_url="https://example.com/cancel",
)
print(session.url)
